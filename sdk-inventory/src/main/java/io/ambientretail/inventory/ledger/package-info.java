/**
 * The inventory ledger: event-sourced stock per store and location, lots with expiry dates sold
 * first-expiry-first-out, idempotent posting by source event, a storage SPI, and reconciliation of
 * shelf weights against the books.
 *
 * <pre>{@code
 * InventoryLedger ledger = InventoryLedger.open(new InMemoryLedgerStore());
 * StockLocation lane = StockLocation.lane(StoreId.of("S001"), LaneId.of("L-03"));
 * ledger.post(StockMovement.receipt("dn-1", lane, sku, 12, null, "delivery note 1", now));
 * new ShelfReconciler(ledger).reconcile(lane, sku, measured, unitWeight, spread)
 *     .ifPresent(d -> System.out.println(d.evidence()));
 * }</pre>
 */
@NullMarked
package io.ambientretail.inventory.ledger;

import org.jspecify.annotations.NullMarked;
