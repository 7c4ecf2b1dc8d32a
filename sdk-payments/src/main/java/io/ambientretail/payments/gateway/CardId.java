package io.ambientretail.payments.gateway;

import io.ambientretail.payments.PaymentsErrors;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable identifier of a card that cannot be turned back into its number: the hexadecimal text
 * of a keyed fingerprint (an HMAC of the PAN, such as {@code tokenize.CardFingerprint} produces).
 * Offline limits and the deny-list recognise a returning card by it.
 *
 * <p>16 to 128 hexadecimal characters, kept in lower case. Immutable; safe to log and store.
 */
public final class CardId {
  private static final Pattern VALID = Pattern.compile("[0-9a-f]{16,128}");

  private final String hex;

  private CardId(String hex) {
    this.hex = hex;
  }

  /**
   * Returns the id for the given hexadecimal fingerprint.
   *
   * @throws PaymentValueException if the text is not 16 to 128 hexadecimal characters
   */
  public static CardId ofHex(String hex) {
    String h = Objects.requireNonNull(hex, "hex").toLowerCase(Locale.ROOT);
    if (!VALID.matcher(h).matches()) {
      throw new PaymentValueException(PaymentsErrors.PAYMENT_VALUE,
          "card id must be 16-128 hexadecimal characters (length was " + hex.length() + ")");
    }
    return new CardId(h);
  }

  /** The fingerprint as lower-case hexadecimal. */
  public String hex() {
    return hex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardId && ((CardId) o).hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public String toString() {
    return "card:" + hex.substring(0, 16);
  }
}
