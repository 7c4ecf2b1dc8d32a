package io.ambientretail.inventory.fusion;

import io.ambientretail.core.SkuId;
import java.util.Objects;

/**
 * One line of a receipt: a SKU and how many units the shopper left with.
 *
 * @param sku the SKU
 * @param qty the number of units, at least 1
 */
public record ReceiptLine(SkuId sku, int qty) {
  /** Validates the quantity. */
  public ReceiptLine {
    Objects.requireNonNull(sku, "sku");
    if (qty < 1) {
      throw new IllegalArgumentException("qty must be at least 1, was " + qty);
    }
  }
}
