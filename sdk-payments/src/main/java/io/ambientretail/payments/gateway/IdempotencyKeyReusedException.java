package io.ambientretail.payments.gateway;

import io.ambientretail.core.AmbientException;
import io.ambientretail.payments.PaymentsErrors;

/**
 * Thrown when an idempotency key is used again with a request body that differs from the first one:
 * that is a caller mistake, never a replay, because replaying would answer a question that was not
 * asked. Code {@link PaymentsErrors#IDEMPOTENCY_KEY_REUSED}.
 */
public final class IdempotencyKeyReusedException extends AmbientException {
  private static final long serialVersionUID = 1L;

  private final IdempotencyKey key;

  /** Creates the exception for {@code key}; the message never contains card data. */
  public IdempotencyKeyReusedException(IdempotencyKey key, String message) {
    super(PaymentsErrors.IDEMPOTENCY_KEY_REUSED, message);
    this.key = key;
  }

  /** The key that was reused. */
  public IdempotencyKey key() {
    return key;
  }
}
