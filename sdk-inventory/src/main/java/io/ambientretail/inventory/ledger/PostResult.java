package io.ambientretail.inventory.ledger;

import java.util.List;

/**
 * What {@link InventoryLedger#post} recorded: the movement's entries, and whether they were already
 * there (the same source event posted before, so nothing new was written).
 *
 * @param entries the entries of the movement, in sequence order
 * @param duplicate true when the source event had been recorded before
 */
public record PostResult(List<LedgerEntry> entries, boolean duplicate) {
  /** Copies the list. */
  public PostResult {
    entries = List.copyOf(entries);
  }
}
