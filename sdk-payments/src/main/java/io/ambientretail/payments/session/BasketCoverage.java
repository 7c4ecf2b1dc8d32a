package io.ambientretail.payments.session;

/** What a walk-out session did when told the basket's new total. */
public enum BasketCoverage {
  /** The authorisation already covers the basket. */
  COVERED,
  /** The authorisation was incremented and now covers the basket. */
  INCREMENTED,
  /**
   * The gateway refused to increment: at exit the session captures what the hold covers and charges
   * the rest separately on the same token.
   */
  RECOVER_AT_EXIT,
  /** The increment's answer is unknown; it is sent again with the same key on the next change. */
  PENDING,
  /** The session is offline (admitted by store-and-forward): there is no hold to increment. */
  OFFLINE
}
