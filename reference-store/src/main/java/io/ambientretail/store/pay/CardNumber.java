package io.ambientretail.store.pay;

import java.util.Arrays;

/**
 * A primary account number held only as long as it takes to tokenize it. {@link #toString()} is
 * redacted; the digits are read only through {@link #revealDigits()}, a deliberate, greppable call;
 * {@link #wipe()} overwrites them.
 *
 * <p>Security: never log, store or put this in a message. The store keeps tokens and
 * fingerprints, never the number. Not thread-safe.
 */
public final class CardNumber {
  private final char[] digits;

  private CardNumber(char[] digits) {
    this.digits = digits;
  }

  /**
   * A card number from 12 to 19 digits; the array is copied.
   *
   * @throws IllegalArgumentException for a wrong length or a non-digit (the position is given,
   *     never the digits)
   */
  public static CardNumber of(char[] digits) {
    if (digits.length < 12 || digits.length > 19) {
      throw new IllegalArgumentException("card number: expected 12 to 19 digits, got "
          + digits.length);
    }
    for (int i = 0; i < digits.length; i++) {
      if (digits[i] < '0' || digits[i] > '9') {
        throw new IllegalArgumentException("card number: not a digit at position " + i);
      }
    }
    return new CardNumber(digits.clone());
  }

  /** A copy of the digits: the one way to read them. The caller wipes the copy. */
  public char[] revealDigits() {
    return digits.clone();
  }

  /** The last four digits (printed on receipts). */
  public String last4() {
    return new String(digits, digits.length - 4, 4);
  }

  /** The first six digits (issuer identification, used for the brand). */
  public String bin() {
    return new String(digits, 0, 6);
  }

  /** Overwrites the digits. */
  public void wipe() {
    Arrays.fill(digits, '0');
  }

  @Override
  public String toString() {
    return "CardNumber[redacted]";
  }
}
