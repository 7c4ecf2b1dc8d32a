package io.ambientretail.inventory.fusion;

import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A shopper's cart as it stands after fusion changed it: published live on the event bus as {@link
 * LiveCartFusion#CART_UPDATED} and given to {@link CartListener}s.
 *
 * @param shopper the shopper
 * @param t the replay time of the change, milliseconds since the start of the recording
 * @param counts units per SKU now in the cart (only positive counts), sorted by SKU
 * @param confidence the confidence in the cart so far, in [0, 1]
 */
public record CartUpdate(ShopperId shopper, long t, Map<SkuId, Integer> counts, double confidence) {
  /** Validates and copies. */
  public CartUpdate {
    Objects.requireNonNull(shopper, "shopper");
    counts = Map.copyOf(new TreeMap<>(counts));
  }
}
