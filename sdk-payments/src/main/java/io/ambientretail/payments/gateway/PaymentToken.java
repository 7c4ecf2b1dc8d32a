package io.ambientretail.payments.gateway;

import io.ambientretail.payments.PaymentsErrors;
import io.ambientretail.payments.internal.Luhn;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An opaque reference the gateway charges instead of a card number: the acquirer's stored payment
 * method (Adyen's {@code storedPaymentMethodId}, Stripe's {@code pm_...}) or a token from
 * {@code io.ambientretail.payments.tokenize} that the acquirer knows how to resolve.
 *
 * <p>A token is 1 to 128 characters from {@code [A-Za-z0-9._:-]}. Text that is 13 to 19 digits and
 * passes the Luhn check is refused, because it is (or cannot be told from) a card number: a
 * format-preserving token must be issued Luhn-invalid, or carry a prefix, to travel here.
 *
 * <p><b>Security:</b> a token lets its holder charge the card through our gateway account, so
 * {@link #toString()} shows only its last four characters; {@link #reveal()} is the one,
 * greppable, way to read it whole (for the request body and the journal). Immutable.
 */
public final class PaymentToken {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final String value;

  private PaymentToken(String value) {
    this.value = value;
  }

  /**
   * Returns the token with the given text.
   *
   * @throws PaymentValueException if the text is malformed or looks like a card number; the message
   *     never repeats the text
   */
  public static PaymentToken of(String value) {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new PaymentValueException(PaymentsErrors.PAYMENT_VALUE,
          "payment token must be 1-128 characters of [A-Za-z0-9._:-] (length was "
              + value.length() + ")");
    }
    if (looksLikePan(value)) {
      throw new PaymentValueException(PaymentsErrors.PAYMENT_VALUE,
          "payment token of " + value.length()
              + " digits passes the Luhn check: pass the acquirer's token, never a card number");
    }
    return new PaymentToken(value);
  }

  static boolean looksLikePan(String s) {
    return s.length() >= 13 && s.length() <= 19 && Luhn.isValid(s);
  }

  /** The whole token, for a request body or the journal; never log it. */
  public String reveal() {
    return value;
  }

  /** True when both tokens are the same text. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PaymentToken && ((PaymentToken) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** The redacted token, {@code "token…ab12"}. */
  @Override
  public String toString() {
    return "token\u2026" + value.substring(Math.max(0, value.length() - 4));
  }
}
