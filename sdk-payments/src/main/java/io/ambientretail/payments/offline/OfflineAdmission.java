package io.ambientretail.payments.offline;

import java.util.Objects;

/**
 * Whether {@link StoreAndForward} admits a card while the gateway is unreachable, and why not.
 *
 * @param admitted true when the shopper may enter; the expected amount is then reserved against the
 *     limits until the payment is queued or cancelled
 * @param refusal why not, or {@link Refusal#NONE}
 */
public record OfflineAdmission(boolean admitted, Refusal refusal) {
  /** Why a card was refused offline. */
  public enum Refusal {
    /** Not refused. */
    NONE,
    /** The card is on the deny-list. */
    DENY_LISTED,
    /** The card would owe more than the per-card limit. */
    CARD_LIMIT,
    /** All cards together would owe more than the total exposure limit. */
    TOTAL_EXPOSURE,
    /** A queued payment is older than the maximum age: offline for too long. */
    OFFLINE_TOO_LONG,
    /** No card id was known, so no per-card limit can be applied. */
    NO_CARD_ID,
    /** The reservation could not be written durably, so the exposure could not be counted. */
    NOT_RECORDED
  }

  /** Validates the fields. */
  public OfflineAdmission {
    Objects.requireNonNull(refusal, "refusal");
    if (admitted != (refusal == Refusal.NONE)) {
      throw new IllegalArgumentException("admitted exactly when there is no refusal");
    }
  }
}
