package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.SubjectId;
import java.io.IOException;
import java.util.Map;

/**
 * Where {@link LegalHolds} keeps the holds so they survive a restart (a hold lost on restart would
 * let the retention job delete what a court ordered kept): the storage SPI ({@code
 * InMemoryPrivacyStore}, {@code JdbcPrivacyStore} in {@code io.ambientretail.privacy.store}). Every
 * change is durable when the method returns. Implementations are thread-safe.
 */
public interface LegalHoldStore {
  /**
   * Durably holds {@code subject}'s data for {@code reason}, replacing an earlier reason.
   *
   * @throws IOException if the hold could not be made durable
   */
  void placeHold(SubjectId subject, String reason) throws IOException;

  /**
   * Durably releases the hold on {@code subject}; nothing happens when there is none.
   *
   * @throws IOException if the release could not be made durable
   */
  void releaseHold(SubjectId subject) throws IOException;

  /**
   * Every hold: subject to reason.
   *
   * @throws IOException if the store cannot be read
   */
  Map<SubjectId, String> holds() throws IOException;
}
