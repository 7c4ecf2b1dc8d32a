package io.ambientretail.payments.gateway;

import io.ambientretail.payments.PaymentsErrors;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The gateway's reference for an authorisation, capture, charge or refund (Adyen's {@code
 * pspReference}, Stripe's PaymentIntent or Refund id). It is not card data and may appear in URLs,
 * logs and receipts.
 *
 * <p>1 to 128 characters from {@code [A-Za-z0-9._:-]}. Immutable.
 */
public final class TransactionId {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final String value;

  private TransactionId(String value) {
    this.value = value;
  }

  /**
   * Returns the id with the given text.
   *
   * @throws PaymentValueException if the text is empty, too long or has another character
   */
  public static TransactionId of(String value) {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new PaymentValueException(
          PaymentsErrors.PAYMENT_VALUE,
          "transaction id must be 1-128 characters of [A-Za-z0-9._:-] (length was "
              + value.length()
              + ")");
    }
    return new TransactionId(value);
  }

  /** The id as text. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionId && ((TransactionId) o).value.equals(value);
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
