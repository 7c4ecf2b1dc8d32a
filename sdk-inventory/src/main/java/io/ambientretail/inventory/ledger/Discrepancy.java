package io.ambientretail.inventory.ledger;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.Weight;

/**
 * A shelf lane whose weight disagrees with the ledger, with the evidence: what the ledger says,
 * what the load cell measured, and how the difference reads.
 *
 * @param lane the lane
 * @param sku the SKU the lane holds
 * @param kind how the difference reads
 * @param ledgerUnits units the ledger has on hand at the lane
 * @param shelfUnits whole units the measured weight corresponds to
 * @param measured the measured net weight on the lane
 * @param expected the weight the ledger's units would have
 * @param residual the measured weight minus {@code shelfUnits} whole units: what no whole number of
 *     this SKU explains
 * @param evidence the evidence in words, for a person to check
 */
public record Discrepancy(
    StockLocation lane,
    SkuId sku,
    Kind kind,
    long ledgerUnits,
    long shelfUnits,
    Weight measured,
    Weight expected,
    Weight residual,
    String evidence) {

  /** How a weight difference reads. */
  public enum Kind {
    /** Fewer units on the shelf than in the ledger: possible shrink or an unrecorded sale. */
    SHORTAGE,
    /** More units on the shelf than in the ledger: an unrecorded receipt or return. */
    SURPLUS,
    /** The weight is not a whole number of units of this SKU: a foreign (misplaced) item. */
    MISPLACED_ITEM
  }
}
