package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;

/**
 * A move of stock of one SKU from a store with surplus to a store in need, proposed by {@link
 * TransferPlanner}.
 *
 * @param from the store giving
 * @param to the store receiving
 * @param sku the SKU
 * @param quantity units to move, at least 1
 * @param reason why, in words
 */
public record PlannedTransfer(StoreId from, StoreId to, SkuId sku, int quantity, String reason) {
  /** Checks the quantity and that the stores differ. */
  public PlannedTransfer {
    if (quantity < 1 || from.equals(to)) {
      throw new IllegalArgumentException("a transfer moves at least 1 unit between two stores");
    }
  }
}
