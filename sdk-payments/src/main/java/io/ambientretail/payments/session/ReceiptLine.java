package io.ambientretail.payments.session;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.TransactionId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One movement of money on a receipt.
 *
 * @param kind what moved the money
 * @param transaction the gateway's id for it; null for an offline charge not yet forwarded
 * @param amount the amount, positive (a refund's amount is what went back to the card)
 */
public record ReceiptLine(Kind kind, @Nullable TransactionId transaction, Money amount) {
  /** What moved the money. */
  public enum Kind {
    /** The capture of the entry authorisation (with its increments). */
    CAPTURE,
    /**
     * A separate charge on the same token for the part of the basket the authorisation did not
     * cover because an increment was refused (or the capture failed).
     */
    RECOVERY_CHARGE,
    /** A charge queued while the gateway was unreachable, forwarded later. */
    OFFLINE_CHARGE,
    /** A charge for an adjustment that raised the total after the visit. */
    ADJUSTMENT_CHARGE,
    /** Money returned to the card. */
    REFUND
  }

  /** Validates the fields. */
  public ReceiptLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
  }
}
