package io.ambientretail.inventory.ledger;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.Weight;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a shelf lane's settled weight with the ledger's on-hand units and raises a {@link
 * Discrepancy} when they disagree.
 *
 * <p>The weight is read as {@code round(measured / unit weight)} whole units. If what remains is
 * more than the tolerance ({@code 3 x spread x sqrt(units)}, at least a quarter of a unit) the lane
 * holds something else: {@link Discrepancy.Kind#MISPLACED_ITEM}. Otherwise fewer units than the
 * ledger is a {@link Discrepancy.Kind#SHORTAGE} and more is a {@link Discrepancy.Kind#SURPLUS}.
 * Stateless and thread-safe.
 */
public final class ShelfReconciler {
  private final InventoryLedger ledger;

  /** A reconciler reading the given ledger. */
  public ShelfReconciler(InventoryLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * Reconciles one lane.
   *
   * @param lane the lane location
   * @param sku the SKU bound to the lane
   * @param measured the settled net weight on the lane (tare removed)
   * @param unitWeight the SKU's nominal unit weight, positive
   * @param unitSpread the standard deviation of the unit weight, 0 or more
   * @return the discrepancy, or empty when shelf and ledger agree
   * @throws IllegalArgumentException if the unit weight is not positive
   */
  public Optional<Discrepancy> reconcile(
      StockLocation lane, SkuId sku, Weight measured, Weight unitWeight, Weight unitSpread) {
    long unit = unitWeight.milligrams();
    if (unit <= 0) {
      throw new IllegalArgumentException("unit weight must be positive");
    }
    long ledgerUnits = ledger.onHand(lane, sku);
    long mg = measured.milligrams();
    long shelfUnits = Math.max(0, Math.round(mg / (double) unit));
    long residual = mg - shelfUnits * unit;
    double tolerance =
        Math.max(unit / 4.0, 3.0 * unitSpread.milligrams() * Math.sqrt(Math.max(1, shelfUnits)));
    Discrepancy.Kind kind;
    if (Math.abs(residual) > tolerance) {
      kind = Discrepancy.Kind.MISPLACED_ITEM;
    } else if (shelfUnits < ledgerUnits) {
      kind = Discrepancy.Kind.SHORTAGE;
    } else if (shelfUnits > ledgerUnits) {
      kind = Discrepancy.Kind.SURPLUS;
    } else {
      return Optional.empty();
    }
    Weight expected = Weight.ofMilligrams(Math.max(0, ledgerUnits) * unit);
    String evidence =
        String.format(
            Locale.ROOT,
            "lane %s: measured %.1f g, ledger %d units = %.1f g, unit %.1f g; reads as %d units %s "
                + "%.1f g",
            lane,
            mg / 1000.0,
            ledgerUnits,
            expected.milligrams() / 1000.0,
            unit / 1000.0,
            shelfUnits,
            residual < 0 ? "minus" : "plus",
            Math.abs(residual) / 1000.0);
    return Optional.of(
        new Discrepancy(
            lane,
            sku,
            kind,
            ledgerUnits,
            shelfUnits,
            measured,
            expected,
            Weight.ofMilligrams(residual),
            evidence));
  }
}
