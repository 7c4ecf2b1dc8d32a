package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import java.util.Objects;

/**
 * A store-SKU location of a plan, as named in notes about it ({@code S001/05012345678900}).
 *
 * @param store the store
 * @param sku the SKU
 */
public record StockLocation(StoreId store, SkuId sku) {
  /** Creates a location; both parts are required. */
  public StockLocation {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(sku, "sku");
  }

  /** {@code store/sku}, as the command line prints a location. */
  @Override
  public String toString() {
    return store.value() + "/" + sku.value();
  }
}
