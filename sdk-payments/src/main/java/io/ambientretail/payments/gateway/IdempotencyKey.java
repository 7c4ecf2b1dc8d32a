package io.ambientretail.payments.gateway;

import io.ambientretail.payments.PaymentsErrors;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The key that makes a payment request safe to send again: the gateway performs the request once
 * per key and answers every repeat with the first answer. Sending a key again with a different body
 * is an error ({@link IdempotencyKeyReusedException}), not a replay.
 *
 * <p>A key is 1 to 255 characters from {@code [A-Za-z0-9._:-]}, like Stripe's and Adyen's keys. The
 * walk-out session derives its keys from the session id and the step, so a process restarted after
 * a crash sends exactly the key it sent before. Immutable.
 */
public final class IdempotencyKey {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

  private final String value;

  private IdempotencyKey(String value) {
    this.value = value;
  }

  /**
   * Returns the key with the given text.
   *
   * @throws PaymentValueException if the text is empty, longer than 255 or has another character
   */
  public static IdempotencyKey of(String value) {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new PaymentValueException(
          PaymentsErrors.PAYMENT_VALUE,
          "idempotency key must be 1-255 characters of [A-Za-z0-9._:-] (length was "
              + value.length()
              + ")");
    }
    return new IdempotencyKey(value);
  }

  /** The key as sent in the {@code Idempotency-Key} header. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdempotencyKey && ((IdempotencyKey) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
