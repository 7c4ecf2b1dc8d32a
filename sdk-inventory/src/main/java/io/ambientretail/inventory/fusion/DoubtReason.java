package io.ambientretail.inventory.fusion;

/** Why fusion doubts a receipt line: what the best alternative explanation of the change is. */
public enum DoubtReason {
  /** The same shopper, other items: the weight fits another SKU or unit count nearly as well. */
  NEAR_EQUAL_WEIGHTS,
  /** Another shopper, a neighbour at the shelf, may have made the change. */
  NEIGHBOUR,
  /** The shopper had no position near the change (a tracking dropout): they may not be the one. */
  MISSING_TRACK,
  /** The change may be nobody's: a hand resting, a bounce, a weight that fits no unit. */
  UNEXPLAINED
}
