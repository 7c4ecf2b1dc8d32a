package io.ambientretail.inventory.fusion;

import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Another explanation of a doubtful change, for the reviewer: who made it and what moved.
 *
 * @param shopper the shopper, or null for nobody (the weight is unexplained)
 * @param items units per SKU taken (positive) or put back (negative), sorted by SKU
 * @param probability the posterior probability of this explanation, in [0, 1]
 */
public record Alternative(
    @Nullable ShopperId shopper, Map<SkuId, Integer> items, double probability) {
  /** Validates and copies. */
  public Alternative {
    Objects.requireNonNull(items, "items");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    items = Collections.unmodifiableMap(new TreeMap<>(items));
  }
}
