package io.ambientretail.inventory.ledger;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where an {@link InventoryLedger} keeps its entries: the storage SPI. The reference store
 * implements it on its database; {@link InMemoryLedgerStore} serves tests and embedded use.
 *
 * <p>Contract: {@link #append} writes all of a movement's entries or none, and returns only once
 * they are durable; entries come back from {@link #replay} in sequence order. Implementations must
 * be thread-safe.
 */
public interface LedgerStore {
  /**
   * Appends entries atomically and durably; their sequences continue {@link #lastSequence()}.
   *
   * @throws IllegalStateException if the sequences do not continue the store's
   */
  void append(List<LedgerEntry> entries);

  /** The entries recorded for a source event, in sequence order; empty if none. */
  List<LedgerEntry> findBySource(String sourceEventId);

  /** Hands every entry to {@code sink} in sequence order. */
  void replay(Consumer<LedgerEntry> sink);

  /** The sequence of the last entry, or 0 when empty. */
  long lastSequence();
}
