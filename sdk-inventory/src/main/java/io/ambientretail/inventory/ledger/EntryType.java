package io.ambientretail.inventory.ledger;

/** What a {@link LedgerEntry} records; the sign of its quantity follows from the type. */
public enum EntryType {
  /** Goods received from a supplier or DC (positive). */
  RECEIPT,
  /** Goods sold (negative). */
  SALE,
  /** Goods a shopper returned to stock (positive). */
  RETURN,
  /** A correction after a count (either sign). */
  ADJUSTMENT,
  /** Goods sent to another location (negative). */
  TRANSFER_OUT,
  /** Goods received from another location (positive). */
  TRANSFER_IN,
  /** Goods lost to theft, damage or unknown causes (negative). */
  SHRINK,
  /** Goods thrown away, typically expired (negative). */
  WASTE
}
