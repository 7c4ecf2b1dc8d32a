package io.ambientretail.payments.terminal;

import io.ambientretail.core.Money;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A nexo payment request: a sale, a pre-authorisation ({@link PaymentType#FirstReservation}), an
 * adjustment, a completion or a refund of {@code requestedAmount}.
 *
 * @param original the terminal's transaction this one refers to; required for {@link
 *     PaymentType#UpdateReservation} and {@link PaymentType#Completion}, null otherwise
 */
public record PaymentRequest(
    TransactionReference saleTransaction,
    PaymentType paymentType,
    Money requestedAmount,
    @Nullable TransactionReference original)
    implements NexoRequest {
  /** Checks the amount is positive and that a reference is given exactly when one is needed. */
  public PaymentRequest {
    Objects.requireNonNull(saleTransaction, "saleTransaction");
    Objects.requireNonNull(paymentType, "paymentType");
    Objects.requireNonNull(requestedAmount, "requestedAmount");
    if (requestedAmount.isNegative()
        || (requestedAmount.isZero() && paymentType != PaymentType.UpdateReservation)) {
      throw new IllegalArgumentException("requestedAmount must be positive");
    }
    boolean needsOriginal =
        paymentType == PaymentType.UpdateReservation || paymentType == PaymentType.Completion;
    if (needsOriginal != (original != null)) {
      throw new IllegalArgumentException(
          paymentType + (needsOriginal ? " needs" : " takes no") + " original transaction");
    }
  }

  @Override
  public MessageCategory category() {
    return MessageCategory.Payment;
  }
}
