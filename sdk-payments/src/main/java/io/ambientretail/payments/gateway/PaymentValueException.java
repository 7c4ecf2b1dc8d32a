package io.ambientretail.payments.gateway;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import io.ambientretail.payments.PaymentsErrors;

/**
 * Thrown when a value handed to a payment call is invalid (a malformed key or token, a negative
 * amount, a currency mismatch) or when a call does not fit the state it is made in.
 */
public final class PaymentValueException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with one of the codes in {@link PaymentsErrors}. */
  public PaymentValueException(ErrorCode code, String message) {
    super(code, message);
  }
}
