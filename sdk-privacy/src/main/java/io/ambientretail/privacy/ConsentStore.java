package io.ambientretail.privacy;

import java.io.IOException;
import java.util.List;

/**
 * Where a {@link ConsentRegistry} keeps its consent records so they survive a restart: the storage
 * SPI. The SDK ships {@code InMemoryPrivacyStore} and {@code JdbcPrivacyStore} (SQLite, PostgreSQL)
 * in {@code io.ambientretail.privacy.store}.
 *
 * <p>Contract: {@link #appendConsent} is durable when it returns; {@link #consentRecords} returns
 * every record kept, oldest first (in append order); {@link #eraseConsent} leaves no record of the
 * subject behind. Implementations are thread-safe.
 */
public interface ConsentStore {
  /**
   * Durably keeps one record.
   *
   * @throws IOException if it could not be made durable; then it was not kept
   */
  void appendConsent(ConsentRecord record) throws IOException;

  /**
   * Every record kept, oldest first.
   *
   * @throws IOException if the store cannot be read
   */
  List<ConsentRecord> consentRecords() throws IOException;

  /**
   * Deletes every record of {@code subject}; returns how many there were (0 when run again).
   *
   * @throws IOException if the store cannot delete now
   */
  int eraseConsent(SubjectId subject) throws IOException;
}
