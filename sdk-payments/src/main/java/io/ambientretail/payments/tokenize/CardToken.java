package io.ambientretail.payments.tokenize;

import java.util.Objects;

/**
 * A format-preserving token that stands for a card number: digits of the PAN's length (BIN and last
 * 4 kept as the {@link TokenPolicy} says) and the version of the key that made it, so keys rotate
 * without breaking old tokens.
 *
 * <p>Its text form, {@link #text()}, is {@code v<version>:<digits>}, e.g. {@code
 * v2:4761731234560118}. Immutable and thread-safe. A token is not a secret, but it stands for one
 * and under a {@link TokenPolicy.Luhn#VALID} policy it looks like a card number to scanners, so
 * {@link #toString()} hides it; {@link #text()} is the deliberate way to get it.
 */
public final class CardToken {
  private final int keyVersion;
  private final String digits;

  private CardToken(int keyVersion, String digits) {
    this.keyVersion = keyVersion;
    this.digits = digits;
  }

  /**
   * A token from its key version and digits.
   *
   * @throws TokenizationException ({@code TOKEN_FORMAT}) for a version below 1 or digits that are
   *     not 12..19 decimal digits
   */
  public static CardToken of(int keyVersion, String digits) {
    Objects.requireNonNull(digits, "digits");
    if (keyVersion < 1) {
      throw new TokenizationException(
          TokenizationException.TOKEN_FORMAT,
          "token key version must be at least 1, was " + keyVersion);
    }
    if (digits.length() < Pan.MIN_LENGTH || digits.length() > Pan.MAX_LENGTH) {
      throw new TokenizationException(
          TokenizationException.TOKEN_FORMAT,
          "token has " + digits.length() + " digits; expected 12..19");
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        throw new TokenizationException(
            TokenizationException.TOKEN_FORMAT, "token has a non-digit at position " + i);
      }
    }
    return new CardToken(keyVersion, digits);
  }

  /**
   * Parses the text form {@code v<version>:<digits>}.
   *
   * @throws TokenizationException ({@code TOKEN_FORMAT}) when the text is not in that form
   */
  public static CardToken parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (!text.startsWith("v") || colon < 2 || colon > 7) {
      throw new TokenizationException(
          TokenizationException.TOKEN_FORMAT, "token text must look like v<version>:<digits>");
    }
    int version;
    try {
      version = Integer.parseInt(text.substring(1, colon));
    } catch (NumberFormatException e) {
      throw new TokenizationException(
          TokenizationException.TOKEN_FORMAT, "token key version at position 1 is not a number");
    }
    return of(version, text.substring(colon + 1));
  }

  /** The version of the key that made this token. */
  public int keyVersion() {
    return keyVersion;
  }

  /** The token digits, as long as the card number. */
  public String digits() {
    return digits;
  }

  /** The text form {@code v<version>:<digits>}. */
  public String text() {
    return "v" + keyVersion + ":" + digits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardToken
        && ((CardToken) o).keyVersion == keyVersion
        && ((CardToken) o).digits.equals(digits);
  }

  @Override
  public int hashCode() {
    return 31 * keyVersion + digits.hashCode();
  }

  /**
   * A form for logs that does not show the token: its key version and last 4 digits, e.g. {@code
   * CardToken[v2:************0119]}. Use {@link #text()} for the token itself.
   */
  @Override
  public String toString() {
    return "CardToken[v"
        + keyVersion
        + ":"
        + "*".repeat(digits.length() - 4)
        + digits.substring(digits.length() - 4)
        + "]";
  }
}
