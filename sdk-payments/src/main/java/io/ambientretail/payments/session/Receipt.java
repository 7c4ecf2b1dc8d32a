package io.ambientretail.payments.session;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.PaymentToken;
import java.util.List;
import java.util.Objects;

/**
 * What a walk-out visit charged: the basket total, each capture, charge and refund with its
 * transaction id, what was released, and what is still owed. Refunds and adjustments refer to a
 * receipt ({@link WalkOutSessions#refund}, {@link WalkOutSessions#adjust}).
 *
 * @param session the visit, which is also the receipt's number
 * @param token the card's token, for an adjustment charge
 * @param status whether the money has settled
 * @param total the basket total at exit
 * @param lines every movement of money, in order
 * @param released what the entry authorisation held beyond the capture and gave back
 * @param outstanding what the shopper still owes because a recovery charge was declined
 */
public record Receipt(
    SessionId session,
    PaymentToken token,
    Status status,
    Money total,
    List<ReceiptLine> lines,
    Money released,
    Money outstanding) {

  /** Whether a receipt's money has settled. */
  public enum Status {
    /** Every capture, charge and release is done. */
    COMPLETE,
    /**
     * A step's answer is unknown (the gateway was unreachable); {@link WalkOutSessions#recover()}
     * finishes it with the same idempotency keys.
     */
    PENDING,
    /** The gateway was offline: the charge is queued for store-and-forward. */
    QUEUED_OFFLINE,
    /** Part of the total could not be charged; see {@link Receipt#outstanding()}. */
    OUTSTANDING
  }

  /** Validates and copies the fields. */
  public Receipt {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(total, "total");
    lines = List.copyOf(lines);
    Objects.requireNonNull(released, "released");
    Objects.requireNonNull(outstanding, "outstanding");
  }

  /** The net amount taken from the card: captures and charges less refunds. */
  public Money charged() {
    Money sum = Money.zero(total.currency());
    for (ReceiptLine l : lines) {
      sum = l.kind() == ReceiptLine.Kind.REFUND ? sum.minus(l.amount()) : sum.plus(l.amount());
    }
    return sum;
  }
}
