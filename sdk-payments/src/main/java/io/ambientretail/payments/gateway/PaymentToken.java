package io.ambientretail.payments.gateway;

import io.ambientretail.payments.PaymentsErrors;
import io.ambientretail.payments.internal.Luhn;
import io.ambientretail.payments.tokenize.CardToken;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An opaque reference the gateway charges instead of a card number: the acquirer's stored payment
 * method (Adyen's {@code storedPaymentMethodId}, Stripe's {@code pm_...}) or a token from {@code
 * io.ambientretail.payments.tokenize} that the acquirer knows how to resolve.
 *
 * <p>A token is 1 to 128 characters from {@code [A-Za-z0-9._:-]}. Text holding a run of 13 to 19
 * digits that passes the Luhn check is refused, because that run is (or cannot be told from) a card
 * number, whether bare or behind a prefix such as {@code pm_}. The one exception is a token carried
 * by its token form: a {@link CardToken} from {@code io.ambientretail.payments.tokenize} travels as
 * its text {@code v<key version>:<digits>} ({@link #of(CardToken)}), whose key version marker says
 * the digits are a format-preserving token, so a token issued under a Luhn-valid {@link
 * io.ambientretail.payments.tokenize.TokenPolicy} passes while a card number, bare or prefixed,
 * still does not.
 *
 * <p><b>Security:</b> a token lets its holder charge the card through our gateway account, so
 * {@link #toString()} shows only its last four characters; {@link #reveal()} is the one, greppable,
 * way to read it whole (for the request body and the journal). Immutable.
 */
public final class PaymentToken {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** {@link CardToken#text()}: {@code v<version>:<12-19 digits>}. */
  private static final Pattern CARD_TOKEN_FORM = Pattern.compile("v[1-9][0-9]{0,5}:[0-9]{12,19}");

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
      throw new PaymentValueException(
          PaymentsErrors.PAYMENT_VALUE,
          "payment token must be 1-128 characters of [A-Za-z0-9._:-] (length was "
              + value.length()
              + ")");
    }
    if (CARD_TOKEN_FORM.matcher(value).matches()) {
      return new PaymentToken(value); // a CardToken's text: the version marker says it is a token
    }
    int at = panLikeRun(value);
    if (at >= 0) {
      throw new PaymentValueException(
          PaymentsErrors.PAYMENT_VALUE,
          "payment token holds a run of digits at position "
              + at
              + " that passes the Luhn check: pass the acquirer's token or a CardToken, never a"
              + " card number");
    }
    return new PaymentToken(value);
  }

  /** The position of the first maximal run of 13-19 digits passing the Luhn check, or -1. */
  static int panLikeRun(String s) {
    int i = 0;
    while (i < s.length()) {
      if (!isDigit(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      int n = i - start;
      if (n >= 13 && n <= 19 && Luhn.isValid(s.substring(start, i))) {
        return start;
      }
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Returns the gateway token for a format-preserving {@link CardToken}, carried by its token form
   * {@code v<key version>:<digits>}: accepted even when the digits pass the Luhn check (a {@link
   * io.ambientretail.payments.tokenize.TokenPolicy} may issue such tokens), because the key version
   * marker sets it apart from a card number.
   */
  public static PaymentToken of(CardToken token) {
    return new PaymentToken(Objects.requireNonNull(token, "token").text());
  }

  /**
   * The {@link CardToken} this token carries, when it is in the token form {@code v<key
   * version>:<digits>}; empty for an acquirer's own token.
   */
  public Optional<CardToken> cardToken() {
    return CARD_TOKEN_FORM.matcher(value).matches()
        ? Optional.of(CardToken.parse(value))
        : Optional.empty();
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
