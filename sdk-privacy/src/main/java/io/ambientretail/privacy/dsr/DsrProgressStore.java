package io.ambientretail.privacy.dsr;

import java.io.IOException;
import java.util.List;

/**
 * Where a {@link DsrOrchestrator} keeps each request and how far it got (its state and every
 * store's step), so a request resumes from the failed step after a restart: the storage SPI ({@code
 * InMemoryPrivacyStore}, {@code JdbcPrivacyStore} in {@code io.ambientretail.privacy.store}).
 *
 * <p>Records found for an access or export request are not kept here (they would be one more copy
 * of the subject's data); after a restart the orchestrator reads them again from the stores.
 * Implementations are thread-safe.
 */
public interface DsrProgressStore {
  /**
   * Durably keeps a request's current status, replacing the one kept for the same request id;
   * {@link DsrStatus#records()} is not kept.
   *
   * @throws IOException if it could not be made durable
   */
  void saveRequest(DsrStatus status) throws IOException;

  /**
   * Every request kept, with its state and steps (and no records), in the order first saved.
   *
   * @throws IOException if the store cannot be read or holds a malformed request
   */
  List<DsrStatus> requests() throws IOException;
}
