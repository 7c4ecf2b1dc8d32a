package io.ambientretail.privacy.audit;

import java.io.IOException;
import java.util.List;

/**
 * Where an {@link AuditLog} keeps its entries: the storage SPI. The SDK ships {@link
 * InMemoryAuditStore} (tests, demos) and {@link JdbcAuditStore} (SQLite, PostgreSQL); implement it
 * for any other durable store.
 *
 * <p>Contract: entries are appended in sequence order, never changed or removed by the store;
 * {@link #append} is durable and atomic when it returns (all of the batch or none of it is kept);
 * reads return entries in sequence order. The log calls a store from one thread at a time.
 */
public interface AuditStore {
  /**
   * Durably appends a batch whose first entry has sequence {@link #size()}.
   *
   * @throws IOException if the batch could not be made durable; then none of it was kept, or the
   *     log finds out on its next {@link #size()}
   */
  void append(List<AuditEntry> batch) throws IOException;

  /**
   * The number of entries stored.
   *
   * @throws IOException if the store cannot be read
   */
  long size() throws IOException;

  /**
   * Up to {@code max} entries from sequence {@code from} on, in order; fewer at the end.
   *
   * @throws IOException if the store cannot be read
   */
  List<AuditEntry> read(long from, int max) throws IOException;
}
