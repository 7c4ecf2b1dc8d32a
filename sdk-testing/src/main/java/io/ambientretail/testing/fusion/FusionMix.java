package io.ambientretail.testing.fusion;

/** How demanding a generated store day is for cart fusion. */
public enum FusionMix {
  /** Shoppers mostly alone at a shelf, quiet load cells, good tracking and vision. */
  EASY,
  /**
   * Overlapping shoppers (two or three at a shelf a few lanes apart, one waiting behind another),
   * put-backs into the item's own lane, bounces, hands resting, multi-item picks and puts, mild
   * tracking noise; vision sometimes missing and rarely wrong. No adjacent-lane picks at the same
   * moment, no misplaced items, no misattributed vision: those make the {@link #HARD} mix.
   */
  BUSY,
  /**
   * Neighbours at adjacent lanes picking at nearly the same moment, misplaced items and later picks
   * of them, wrong, missing and misattributed vision, noisy tracking with dropouts, drift.
   */
  HARD
}
