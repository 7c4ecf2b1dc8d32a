package io.ambientretail.examples.replenish;

import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.forecast.SalesCsv;
import io.ambientretail.inventory.forecast.SalesHistory;
import io.ambientretail.inventory.replenish.PlannedOrder;
import io.ambientretail.inventory.replenish.PolicySettings;
import io.ambientretail.inventory.replenish.PolicyTable;
import io.ambientretail.inventory.replenish.ReplenishMethod;
import io.ambientretail.inventory.replenish.ReplenishmentPlanner;
import io.ambientretail.inventory.replenish.StockCsv;
import io.ambientretail.inventory.replenish.StockPositions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Plans tomorrow's orders from a sales CSV ({@code date,store,sku,quantity}) and a stock CSV
 * ({@code store,sku,on_hand,on_order}).
 *
 * <p>Run: {@code PlanTomorrowsOrders sales.csv stock.csv}
 */
public final class PlanTomorrowsOrders {
  private PlanTomorrowsOrders() {}

  /** Reads the two files named on the command line and prints one order per line. */
  public static void main(String[] args) throws IOException {
    run(Path.of(args[0]), Path.of(args[1]), System.out);
  }

  /** Plans the orders for the day after the last sale and prints them to {@code out}. */
  public static void run(Path salesCsv, Path stockCsv, PrintStream out) throws IOException {
    SalesHistory sales = SalesCsv.read(salesCsv, InputLimits.defaults());
    StockPositions stock = StockCsv.read(stockCsv, InputLimits.defaults());

    // Reorder point for everything: 2 days' lead time, 95% service, cases of 6.
    // Milk spoils: min/max with a 4-day shelf life, so we never order what will go off.
    PolicyTable policies =
        PolicyTable.builder()
            .defaults(
                PolicySettings.builder()
                    .method(ReplenishMethod.ROP)
                    .serviceLevel(0.95)
                    .leadTimeDays(2)
                    .reviewDays(1)
                    .packSize(6)
                    .supplier("wholesaler")
                    .build())
            .sku(
                SkuId.of("MILK-1L"),
                PolicySettings.builder()
                    .method(ReplenishMethod.MINMAX)
                    .min(6)
                    .max(30)
                    .leadTimeDays(1)
                    .shelfLifeDays(4)
                    .supplier("dairy")
                    .build())
            .build();

    LocalDate tomorrow = sales.endDate().plusDays(1);
    ReplenishmentPlanner planner = ReplenishmentPlanner.builder().policies(policies).build();
    for (PlannedOrder o : planner.plan(sales, stock, tomorrow)) {
      out.printf(
          "%s %s: order %d from %s, arrives %s (%s)%n",
          o.store(), o.sku(), o.quantity(), o.supplier(), o.arrives(), o.reason());
    }
  }
}
