package io.ambientretail.store.pay;

/**
 * The acquirer's answer to one operation: approved with its reference, or declined with a reason.
 * A decline is a result, not an exception.
 */
public record GatewayResult(boolean approved, String reference, String declineReason) {
  /** An approval with the acquirer's reference. */
  public static GatewayResult approved(String reference) {
    return new GatewayResult(true, reference, "");
  }

  /** A decline with a reason such as {@code insufficient_funds}. */
  public static GatewayResult declined(String reason) {
    return new GatewayResult(false, "", reason);
  }
}
