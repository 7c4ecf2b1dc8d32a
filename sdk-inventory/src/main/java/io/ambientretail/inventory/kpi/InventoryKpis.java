package io.ambientretail.inventory.kpi;

import java.util.List;

/**
 * The inventory key performance indicators of a period, computed from daily records.
 *
 * <ul>
 *   <li>stock-out rate: the share of days that ended with nothing on hand;
 *   <li>fill rate: units sold / units demanded (1 when nothing was demanded);
 *   <li>days of stock: average closing stock / average daily units sold ({@code +Infinity} with
 *       stock and no sales, 0 with neither);
 *   <li>turns: units sold / average closing stock, scaled to a 365-day year;
 *   <li>shrink rate and waste rate: units lost / units sold, units thrown away / units sold (NaN
 *       without sales).
 * </ul>
 *
 * @param days the number of days
 * @param stockOutRate share of days ending with nothing on hand, 0..1
 * @param fillRate units sold / units demanded, 0..1
 * @param daysOfStock average stock in days of average sales
 * @param annualTurns sales / average stock, per year
 * @param shrinkRate shrink units per unit sold
 * @param wasteRate waste units per unit sold
 */
public record InventoryKpis(
    int days,
    double stockOutRate,
    double fillRate,
    double daysOfStock,
    double annualTurns,
    double shrinkRate,
    double wasteRate) {

  /**
   * Computes the indicators over a period.
   *
   * @throws IllegalArgumentException if there are no days
   */
  public static InventoryKpis of(List<DailyStock> period) {
    if (period.isEmpty()) {
      throw new IllegalArgumentException("at least one day is needed");
    }
    int n = period.size();
    long stockOuts = 0;
    long demand = 0;
    long sold = 0;
    long stock = 0;
    long shrink = 0;
    long waste = 0;
    for (DailyStock d : period) {
      if (d.closingOnHand() <= 0) {
        stockOuts++;
      }
      demand += d.demand();
      sold += d.sold();
      stock += Math.max(0, d.closingOnHand());
      shrink += d.shrink();
      waste += d.waste();
    }
    double avgStock = stock / (double) n;
    double avgSales = sold / (double) n;
    double daysOfStock =
        avgSales > 0 ? avgStock / avgSales : avgStock > 0 ? Double.POSITIVE_INFINITY : 0;
    double turns = avgStock > 0 ? sold / avgStock * 365.0 / n : 0;
    return new InventoryKpis(
        n,
        stockOuts / (double) n,
        demand == 0 ? 1 : sold / (double) demand,
        daysOfStock,
        turns,
        sold == 0 ? Double.NaN : shrink / (double) sold,
        sold == 0 ? Double.NaN : waste / (double) sold);
  }
}
