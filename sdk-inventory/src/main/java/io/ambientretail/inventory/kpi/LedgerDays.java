package io.ambientretail.inventory.kpi;

import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.ledger.InventoryLedger;
import io.ambientretail.inventory.ledger.LedgerEntry;
import io.ambientretail.inventory.ledger.StockLocation;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a SKU-location's ledger entries into {@link DailyStock} days for {@link InventoryKpis}:
 * units sold, shrink and waste per day and the closing stock, in the store's time zone.
 *
 * <p>The ledger knows sales, not lost sales, so demand is taken as units sold (the fill rate is
 * then 1; pass real demand through {@link DailyStock} directly where it is known). Stateless.
 */
public final class LedgerDays {
  private LedgerDays() {}

  /**
   * The days {@code from} to {@code to} (inclusive) of one SKU at one location.
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from} or the span is over 3,660
   *     days
   */
  public static List<DailyStock> of(
      InventoryLedger ledger,
      StockLocation location,
      SkuId sku,
      LocalDate from,
      LocalDate to,
      ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    long span = ChronoUnit.DAYS.between(from, to) + 1;
    if (span < 1 || span > 3660) {
      throw new IllegalArgumentException("need 1..3660 days from " + from + " to " + to);
    }
    int n = (int) span;
    long opening = 0;
    long[] delta = new long[n];
    long[] sold = new long[n];
    long[] shrink = new long[n];
    long[] waste = new long[n];
    for (LedgerEntry e : ledger.entries()) {
      if (!e.location().equals(location) || !e.sku().equals(sku)) {
        continue;
      }
      LocalDate day = LocalDate.ofInstant(e.occurredAt(), zone);
      if (day.isBefore(from)) {
        opening += e.quantity();
        continue;
      }
      if (day.isAfter(to)) {
        continue;
      }
      int d = (int) ChronoUnit.DAYS.between(from, day);
      delta[d] += e.quantity();
      switch (e.type()) {
        case SALE -> sold[d] -= e.quantity();
        case SHRINK -> shrink[d] -= e.quantity();
        case WASTE -> waste[d] -= e.quantity();
        default -> {}
      }
    }
    List<DailyStock> out = new ArrayList<>(n);
    long onHand = opening;
    for (int d = 0; d < n; d++) {
      onHand += delta[d];
      long s = Math.max(0, sold[d]);
      out.add(
          new DailyStock(
              from.plusDays(d), s, s, onHand, Math.max(0, shrink[d]), Math.max(0, waste[d])));
    }
    return out;
  }
}
