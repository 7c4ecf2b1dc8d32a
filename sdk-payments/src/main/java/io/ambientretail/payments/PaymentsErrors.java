package io.ambientretail.payments;

import io.ambientretail.core.ErrorCode;

/**
 * The stable error codes of sdk-payments' gateway, walk-out session and store-and-forward code,
 * carried by {@link io.ambientretail.core.AmbientException}s; docs/errors.md lists what each one
 * means.
 */
public final class PaymentsErrors {
  /** A value (token, key, id, amount) that is not valid for a payment call. */
  public static final ErrorCode PAYMENT_VALUE = ErrorCode.of("PAYMENT_VALUE");

  /** An idempotency key sent again with a different request body. */
  public static final ErrorCode IDEMPOTENCY_KEY_REUSED = ErrorCode.of("IDEMPOTENCY_KEY_REUSED");

  /** A walk-out session asked to do something its state does not allow. */
  public static final ErrorCode SESSION_STATE = ErrorCode.of("SESSION_STATE");

  /** A payment journal or offline queue whose records are damaged before their end. */
  public static final ErrorCode JOURNAL_CORRUPT = ErrorCode.of("JOURNAL_CORRUPT");

  private PaymentsErrors() {}
}
