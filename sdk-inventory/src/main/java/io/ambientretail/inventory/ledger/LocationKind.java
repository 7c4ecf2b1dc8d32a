package io.ambientretail.inventory.ledger;

/** Where within a store (or chain) stock is held. */
public enum LocationKind {
  /** A shelf lane: one load-cell channel holding one SKU. */
  SHELF_LANE,
  /** The store's back room. */
  BACKROOM,
  /** A distribution centre serving stores. */
  DC
}
