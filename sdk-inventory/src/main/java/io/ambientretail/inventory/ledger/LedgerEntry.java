package io.ambientretail.inventory.ledger;

import io.ambientretail.core.SkuId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One immutable line of the inventory ledger: a signed change of units of a SKU (and lot) at a
 * location, with its type, reason and the event it came from. On-hand stock is the sum of entries,
 * never stored on its own.
 *
 * @param sequence the ledger's 1-based position of this entry
 * @param sourceEventId the id of the event that caused it (a sale, a delivery note, a count); the
 *     ledger records each source event once
 * @param type the kind of movement
 * @param location where
 * @param sku what
 * @param lot the lot, or null for stock not tracked by lot
 * @param quantity signed units: positive in, negative out
 * @param reason why, in words
 * @param occurredAt when the movement happened
 */
public record LedgerEntry(
    long sequence,
    String sourceEventId,
    EntryType type,
    StockLocation location,
    SkuId sku,
    @Nullable Lot lot,
    long quantity,
    String reason,
    Instant occurredAt) {
  /** Checks the values. */
  public LedgerEntry {
    Objects.requireNonNull(sourceEventId, "sourceEventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(occurredAt, "occurredAt");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1");
    }
  }
}
