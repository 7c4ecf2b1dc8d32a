package io.ambientretail.inventory.fusion;

import io.ambientretail.core.SkuId;
import java.util.Objects;

/**
 * One SKU a vision system thinks was in a shopper's hand, with its probability.
 *
 * @param sku the SKU
 * @param p the probability the vision system gives it, in [0, 1]
 */
public record VisionCandidate(SkuId sku, double p) {
  /** Validates the probability. */
  public VisionCandidate {
    Objects.requireNonNull(sku, "sku");
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in [0, 1], was " + p);
    }
  }
}
