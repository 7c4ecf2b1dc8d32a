package io.ambientretail.inventory.kpi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of one SKU-location, the input of {@link InventoryKpis}: units demanded and sold, closing
 * stock, units lost to shrink and thrown away. All in units of the SKU.
 *
 * @param date the day
 * @param demand units shoppers wanted (sold + lost sales where known; at least {@code sold})
 * @param sold units sold
 * @param closingOnHand units on hand at the end of the day
 * @param shrink units lost (theft, damage, unknown)
 * @param waste units thrown away
 */
public record DailyStock(
    LocalDate date, long demand, long sold, long closingOnHand, long shrink, long waste) {
  /** Checks the values. */
  public DailyStock {
    Objects.requireNonNull(date, "date");
    if (sold < 0 || demand < sold || shrink < 0 || waste < 0) {
      throw new IllegalArgumentException("need 0 <= sold <= demand, shrink >= 0, waste >= 0");
    }
  }
}
