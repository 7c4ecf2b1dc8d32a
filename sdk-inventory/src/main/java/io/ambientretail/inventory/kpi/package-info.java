/**
 * Inventory KPIs: stock-out rate, fill rate, days of stock, inventory turns, shrink rate and waste,
 * from daily records.
 *
 * <pre>{@code
 * InventoryKpis k = InventoryKpis.of(days);
 * System.out.printf("fill rate %.1f%%%n", 100 * k.fillRate());
 * }</pre>
 */
@NullMarked
package io.ambientretail.inventory.kpi;

import org.jspecify.annotations.NullMarked;
