/**
 * Replenishment: policies (min/max, (s, S), reorder point with safety stock for a service level),
 * order rules (review periods, order days, lead times, packs, minimum orders, capacity, shelf
 * life), fair-share allocation of scarce DC stock and transfers between stores.
 *
 * <pre>{@code
 * SalesHistory sales = SalesCsv.read(Path.of("sales.csv"), InputLimits.defaults());
 * StockPositions stock = StockCsv.read(Path.of("stock.csv"), InputLimits.defaults());
 * PolicyTable policies = PolicyTable.builder()
 *     .defaults(PolicySettings.builder().method(ReplenishMethod.ROP).leadTimeDays(2).build())
 *     .build();
 * List<PlannedOrder> orders = ReplenishmentPlanner.builder().policies(policies).build()
 *     .plan(sales, stock, sales.endDate().plusDays(1));
 * // When the DC cannot ship everything: fair shares, then transfers from stores with surplus.
 * ScarceStockBalancer.Result fitted = ScarceStockBalancer.balance(orders, stock,
 *     DcStockCsv.read(Path.of("dc.csv"), InputLimits.defaults()), policies,
 *     (store, sku) -> 5.0, true);
 * }</pre>
 */
@NullMarked
package io.ambientretail.inventory.replenish;

import org.jspecify.annotations.NullMarked;
