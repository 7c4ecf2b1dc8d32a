package io.ambientretail.inventory.fusion;

/** What a hand did at a shelf: took items out of a lane or put items into it. */
public enum Action {
  /** Items were taken from a lane. */
  PICK,
  /** Items were put into a lane. */
  PUT
}
