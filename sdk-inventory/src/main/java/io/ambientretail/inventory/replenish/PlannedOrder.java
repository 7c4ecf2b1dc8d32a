package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An order a {@link ReplenishmentPlanner} proposes: how many units of a SKU a store should order
 * from which supplier, when it arrives and why.
 *
 * @param store the store
 * @param sku the SKU
 * @param quantity units to order, a whole number of packs, at least 1
 * @param supplier the supplier, or null when the policy names none
 * @param orderDate the day the order is placed
 * @param arrives the day it is expected (order date + lead time)
 * @param position the inventory position (on hand + on order) when planned
 * @param reason why, in words, with the figures, e.g. {@code "below reorder point 17 (lead-time
 *     demand 11 + safety 6)"}
 */
public record PlannedOrder(
    StoreId store,
    SkuId sku,
    int quantity,
    @Nullable String supplier,
    LocalDate orderDate,
    LocalDate arrives,
    int position,
    String reason) {
  /** Checks the values. */
  public PlannedOrder {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(orderDate, "orderDate");
    Objects.requireNonNull(arrives, "arrives");
    Objects.requireNonNull(reason, "reason");
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be >= 1, was " + quantity);
    }
  }
}
