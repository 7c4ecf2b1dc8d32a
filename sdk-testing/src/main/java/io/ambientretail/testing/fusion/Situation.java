package io.ambientretail.testing.fusion;

/** A situation the generator put into a day; {@link GeneratedDay#situations()} counts them. */
public enum Situation {
  /** Two shoppers at adjacent lanes picking at nearly the same moment. */
  NEIGHBOURS_AT_ONCE,
  /** Two or three shoppers at one shelf a few lanes apart, picking in overlapping moments. */
  FEW_LANES_APART,
  /** One shopper standing behind another at the same lane. */
  ONE_BEHIND_THE_OTHER,
  /** A pick of two or more units at once. */
  MULTI_ITEM_PICK,
  /** A put-back of two or more units at once. */
  MULTI_ITEM_PUT,
  /** An item put back into its own lane. */
  PUT_BACK_RIGHT_LANE,
  /** An item put into another SKU's lane (it becomes a misplaced item there). */
  PUT_BACK_WRONG_LANE,
  /** A wrong-lane put where the two SKUs' unit weights differ by less than 15 grams. */
  SIMILAR_WEIGHT_WRONG_LANE,
  /** A later pick of a misplaced item. */
  MISPLACED_PICK,
  /** One shopper changing two lanes at once (both hands). */
  TWO_LANES_AT_ONCE,
  /** A hand resting on the shelf during a pick or put. */
  HAND_REST,
  /** The shelf bouncing after an item lands. */
  BOUNCE,
  /** A vision hint whose best candidate is the wrong SKU. */
  VISION_WRONG_SKU,
  /** A vision hint about the wrong shopper. */
  VISION_WRONG_SHOPPER,
  /** A pick or put with no vision hint. */
  VISION_MISSING,
  /** A scan of a picked item. */
  SCAN,
  /** A gap in a shopper's track. */
  TRACK_DROPOUT,
  /** A lane re-bound to another SKU during the day (restocked by staff). */
  PLANOGRAM_CHANGE
}
