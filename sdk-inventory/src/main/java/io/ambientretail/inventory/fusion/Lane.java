package io.ambientretail.inventory.fusion;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.SkuId;
import java.util.Objects;

/**
 * One shelf lane: a load-cell channel holding one SKU, with the SKU's unit weight and its spread,
 * and where the lane's front edge is on the store plan.
 *
 * <p>Immutable. Weights are grams, positions metres.
 *
 * @param id the lane (load-cell channel)
 * @param shelf the shelf the lane belongs to
 * @param sku the SKU the lane holds
 * @param unitGrams the nominal weight of one unit, grams, greater than zero
 * @param gramsStd the standard deviation of one unit's weight, grams, zero or more
 * @param x the x coordinate of the middle of the lane's front edge, metres
 * @param y the y coordinate of the middle of the lane's front edge, metres
 */
public record Lane(
    LaneId id, String shelf, SkuId sku, double unitGrams, double gramsStd, double x, double y) {
  /** Validates the lane. */
  public Lane {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(shelf, "shelf");
    Objects.requireNonNull(sku, "sku");
    if (shelf.isEmpty()) {
      throw new IllegalArgumentException("shelf must not be empty");
    }
    if (!(unitGrams > 0) || Double.isInfinite(unitGrams)) {
      throw new IllegalArgumentException("unitGrams must be a finite number > 0, was " + unitGrams);
    }
    if (!(gramsStd >= 0) || Double.isInfinite(gramsStd)) {
      throw new IllegalArgumentException("gramsStd must be a finite number >= 0, was " + gramsStd);
    }
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("x and y must be finite");
    }
  }
}
