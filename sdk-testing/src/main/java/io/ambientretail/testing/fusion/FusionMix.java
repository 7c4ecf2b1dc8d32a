package io.ambientretail.testing.fusion;

/** How demanding a generated store day is for cart fusion. */
public enum FusionMix {
  /** Shoppers mostly alone at a shelf, quiet load cells, good tracking and vision. */
  EASY,
  /**
   * Overlapping shoppers (a few lanes apart, neighbours, one behind the other), put-backs into the
   * right and wrong lanes, bounces, hands resting, multi-item picks, some wrong or missing vision.
   */
  BUSY,
  /**
   * Neighbours at adjacent lanes picking at nearly the same moment, misplaced items and later picks
   * of them, wrong, missing and misattributed vision, noisy tracking with dropouts, drift.
   */
  HARD
}
