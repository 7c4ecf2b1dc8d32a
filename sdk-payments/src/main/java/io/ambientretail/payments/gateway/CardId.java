package io.ambientretail.payments.gateway;

import io.ambientretail.payments.PaymentsErrors;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable identifier of a card that cannot be turned back into its number: the hexadecimal text of
 * a keyed fingerprint (an HMAC of the PAN, such as {@code tokenize.CardFingerprint} produces).
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
      throw new PaymentValueException(
          PaymentsErrors.PAYMENT_VALUE,
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

  /**
   * The id as unpadded base64url of its bytes, for files: hexadecimal can hold a long run of
   * decimal digits that a PAN scanner would flag; base64url practically never does.
   */
  public String toBase64() {
    byte[] b = new byte[hex.length() / 2 + hex.length() % 2];
    String h = hex.length() % 2 == 0 ? hex : "0" + hex;
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return (hex.length() % 2 == 0 ? "" : "~")
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Reads the form written by {@link #toBase64()}.
   *
   * @throws PaymentValueException if the text is not such a form
   */
  public static CardId ofBase64(String text) {
    boolean odd = text.startsWith("~");
    byte[] b;
    try {
      b = java.util.Base64.getUrlDecoder().decode(odd ? text.substring(1) : text);
    } catch (IllegalArgumentException e) {
      throw new PaymentValueException(PaymentsErrors.PAYMENT_VALUE, "card id is not base64url");
    }
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
    }
    return ofHex(odd ? sb.substring(1) : sb.toString());
  }

  /** A short form for logs: the first 12 hexadecimal characters (too short to be a PAN). */
  @Override
  public String toString() {
    return "card:" + hex.substring(0, 12);
  }
}
