package io.ambientretail.inventory.fusion;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.SkuId;
import java.util.List;
import java.util.Objects;

/**
 * A change fusion is not sure of, as the shopper's receipt sees it: which lane and when, how likely
 * the receipt is wrong because of it, why, and the best explanations for a reviewer to weigh (the
 * decided one first).
 *
 * @param lane the lane that changed
 * @param sku the lane's SKU at the time
 * @param t when the lane settled, replay milliseconds
 * @param probability the probability that this change leaves the shopper with other items than the
 *     receipt says, in [0, 1]
 * @param reason what the best alternative explanation is
 * @param alternatives the two or three most probable explanations, most probable first
 */
public record DoubtfulLine(
    LaneId lane,
    SkuId sku,
    long t,
    double probability,
    DoubtReason reason,
    List<Alternative> alternatives) {
  /** Validates and copies. */
  public DoubtfulLine {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(reason, "reason");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    alternatives = List.copyOf(alternatives);
  }
}
