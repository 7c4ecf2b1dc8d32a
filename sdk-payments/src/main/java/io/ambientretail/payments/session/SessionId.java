package io.ambientretail.payments.session;

import io.ambientretail.payments.PaymentsErrors;
import io.ambientretail.payments.gateway.PaymentValueException;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies one walk-out visit, and so its receipt: every idempotency key of the visit is derived
 * from it, so it must be unique across stores and time (a UUID, or store id plus a sequence).
 *
 * <p>1 to 100 characters from {@code [A-Za-z0-9_-]}. Immutable.
 */
public final class SessionId {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private final String value;

  private SessionId(String value) {
    this.value = value;
  }

  /**
   * Returns the id with the given text.
   *
   * @throws PaymentValueException if the text is empty, too long or has another character
   */
  public static SessionId of(String value) {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new PaymentValueException(
          PaymentsErrors.PAYMENT_VALUE,
          "session id must be 1-100 characters of [A-Za-z0-9_-] (length was "
              + value.length()
              + ")");
    }
    return new SessionId(value);
  }

  /** A new random id. */
  public static SessionId random() {
    return new SessionId(UUID.randomUUID().toString());
  }

  /** The id as text. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionId && ((SessionId) o).value.equals(value);
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
