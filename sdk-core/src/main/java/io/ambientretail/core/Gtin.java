package io.ambientretail.core;

import java.util.Objects;

/**
 * A Global Trade Item Number (GTIN-8, -12, -13 or -14) with a valid GS1 check digit, held in its
 * normalised 14-digit form ({@code "05012345678900"} for EAN-13 {@code 5012345678900}).
 *
 * <p>Immutable and thread-safe. Two GTINs that differ only in leading zeros (a UPC-A and the EAN-13
 * with a leading 0) are equal.
 */
public final class Gtin implements Comparable<Gtin> {
  private final String digits14;

  private Gtin(String digits14) {
    this.digits14 = digits14;
  }

  /**
   * Parses a GTIN of 8, 12, 13 or 14 digits and checks its check digit.
   *
   * @throws InvalidValueException naming the length, the offending position (0-based), or the
   *     expected check digit
   */
  public static Gtin parse(String text) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    if (n != 8 && n != 12 && n != 13 && n != 14) {
      throw new InvalidValueException(
          InvalidValueException.GTIN_FORMAT,
          "GTIN must have 8, 12, 13 or 14 digits, had " + n + " characters",
          -1);
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidValueException(
            InvalidValueException.GTIN_FORMAT,
            "GTIN has a non-digit at position " + (i + 1) + " of " + n,
            i);
      }
    }
    int expected = checkDigit(text, n - 1);
    int actual = text.charAt(n - 1) - '0';
    if (expected != actual) {
      throw new InvalidValueException(
          InvalidValueException.GTIN_CHECK_DIGIT,
          "GTIN check digit at position " + n + " is " + actual + ", expected " + expected,
          n - 1);
    }
    return new Gtin("0".repeat(14 - n) + text);
  }

  /** True when {@code text} is a GTIN that {@link #parse} accepts. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }

  /**
   * The GS1 mod-10 check digit of the first {@code length} digits of {@code digits}: weights 3 and
   * 1 alternate from the rightmost data digit.
   */
  public static int checkDigit(CharSequence digits, int length) {
    int sum = 0;
    for (int i = length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidValueException(
            InvalidValueException.GTIN_FORMAT, "non-digit at position " + (i + 1), i);
      }
      sum += (c - '0') * weight;
    }
    return (10 - sum % 10) % 10;
  }

  /** The normalised 14-digit form. */
  public String digits14() {
    return digits14;
  }

  /** The shortest standard form: GTIN-8, -12 (UPC-A), -13 or -14, without padding zeros. */
  public String shortest() {
    if (digits14.startsWith("000000")) {
      return digits14.substring(6);
    }
    if (digits14.startsWith("00")) {
      return digits14.substring(2);
    }
    if (digits14.charAt(0) == '0') {
      return digits14.substring(1);
    }
    return digits14;
  }

  @Override
  public int compareTo(Gtin o) {
    return digits14.compareTo(o.digits14);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Gtin && ((Gtin) o).digits14.equals(digits14);
  }

  @Override
  public int hashCode() {
    return digits14.hashCode();
  }

  /** The normalised 14-digit form. */
  @Override
  public String toString() {
    return digits14;
  }
}
