/**
 * The inventory side of an automated store: what is shared by its sub-packages ({@link
 * io.ambientretail.inventory.InputLimits} for every reader of untrusted files, {@link
 * io.ambientretail.inventory.InventoryInputException} for what they reject).
 *
 * <p>A short tour:
 *
 * <ul>
 *   <li>{@code io.ambientretail.inventory.fusion}: cart fusion, from raw shelf weights, shopper
 *       positions, vision hints and scans to one receipt per shopper, replayed or live;
 *   <li>{@code io.ambientretail.inventory.ledger}: the event-sourced stock ledger with lots,
 *       first-expiry-first-out and shelf reconciliation;
 *   <li>{@code io.ambientretail.inventory.forecast}: daily demand forecasts chosen per series by
 *       backtest;
 *   <li>{@code io.ambientretail.inventory.replenish}: order policies and planning, fair-share
 *       allocation of scarce DC stock and transfers between stores;
 *   <li>{@code io.ambientretail.inventory.kpi}: stock-out rate, fill rate, days of stock, turns,
 *       shrink and waste.
 * </ul>
 *
 * <pre>{@code
 * InputLimits limits = InputLimits.defaults();
 * SalesHistory sales = SalesCsv.read(Path.of("sales.csv"), limits);
 * StockPositions stock = StockCsv.read(Path.of("stock.csv"), limits);
 * }</pre>
 */
@NullMarked
package io.ambientretail.inventory;

import org.jspecify.annotations.NullMarked;
