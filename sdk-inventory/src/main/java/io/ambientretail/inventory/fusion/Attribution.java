package io.ambientretail.inventory.fusion;

/** How {@link CartFusion} decides which shopper made a weight change. */
public enum Attribution {
  /**
   * Weighs every source over a window of time: tracked positions and whether the shopper stood
   * still (or {@code near} presence), vision hints as soft evidence, scans as strong evidence, unit
   * weights across candidate SKUs, and the other changes at the same moment; flags a receipt for
   * review when the posterior is not decisive. The default.
   */
  EVIDENCE,
  /**
   * The plain baseline: the shopper nearest the lane at the moment the change settles gets it; a
   * pick is the lane SKU's nearest whole number of units, a put the SKU in that shopper's cart
   * whose units fit the weight best; nothing is ever flagged for review. For comparison only.
   */
  NEAREST_SHOPPER
}
