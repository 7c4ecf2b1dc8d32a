package io.ambientretail.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An amount of money: a {@code long} count of minor units (cents, pence, yen, fils) and an ISO 4217
 * {@link Currency}.
 *
 * <p>Money never uses floating point. Arithmetic is exact and checked: an overflow or a mix of
 * currencies throws {@link InvalidValueException}. Where a result must be rounded (a percentage, a
 * rate) the caller names the {@link RoundingMode}; {@link #allocate} splits an amount by ratios
 * without losing or creating a single minor unit. Text is {@code "12.34 EUR"}, with as many
 * decimals as the currency has (0 for JPY, 3 for KWD).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Money implements Comparable<Money> {
  private final long minor;
  private final Currency currency;

  private Money(long minor, Currency currency) {
    this.minor = minor;
    this.currency = currency;
  }

  /**
   * An amount of {@code minor} minor units of {@code currency}, e.g. {@code ofMinor(1234, EUR)}.
   */
  public static Money ofMinor(long minor, Currency currency) {
    Objects.requireNonNull(currency, "currency");
    decimals(currency);
    return new Money(minor, currency);
  }

  /** An amount of {@code minor} minor units of the currency with ISO 4217 code {@code code}. */
  public static Money ofMinor(long minor, String code) {
    return ofMinor(minor, currency(code));
  }

  /** Zero in the given currency. */
  public static Money zero(Currency currency) {
    return ofMinor(0, currency);
  }

  /**
   * An exact decimal amount in major units, e.g. {@code of(new BigDecimal("12.34"), EUR)}.
   *
   * @throws InvalidValueException if the amount has more decimals than the currency
   */
  public static Money of(BigDecimal major, Currency currency) {
    Objects.requireNonNull(major, "major");
    int scale = decimals(Objects.requireNonNull(currency, "currency"));
    try {
      return new Money(
          major.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact(),
          currency);
    } catch (ArithmeticException e) {
      throw new InvalidValueException(
          InvalidValueException.MONEY_FORMAT,
          "amount "
              + major.toPlainString()
              + " does not fit "
              + currency.getCurrencyCode()
              + " with "
              + scale
              + " decimals in a long of minor units",
          -1);
    }
  }

  /**
   * Parses {@code "12.34 EUR"}: an optional minus sign, digits, an optional decimal point with at
   * most the currency's number of decimals, one space, and an ISO 4217 code.
   *
   * @throws InvalidValueException naming the position where the text went wrong
   */
  public static Money parse(String text) {
    Objects.requireNonNull(text, "text");
    int space = text.indexOf(' ');
    if (space < 0) {
      throw format(text, text.length(), "expected '<amount> <currency>', e.g. '12.34 EUR'");
    }
    String code = text.substring(space + 1);
    Currency currency;
    try {
      currency = Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw format(text, space + 1, "unknown ISO 4217 currency code '" + code + "'");
    }
    int scale = decimals(currency);
    int i = 0;
    boolean negative = false;
    if (space > 0 && text.charAt(0) == '-') {
      negative = true;
      i = 1;
    }
    if (i == space) {
      throw format(text, i, "expected a digit");
    }
    BigInteger value = BigInteger.ZERO;
    int fraction = -1;
    for (; i < space; i++) {
      char c = text.charAt(i);
      if (c == '.' && fraction < 0 && i > (negative ? 1 : 0) && i + 1 < space) {
        fraction = 0;
        continue;
      }
      if (c < '0' || c > '9') {
        throw format(text, i, "unexpected character '" + c + "'");
      }
      if (fraction >= 0 && ++fraction > scale) {
        throw format(text, i, code + " has " + scale + " decimals");
      }
      value = value.multiply(BigInteger.TEN).add(BigInteger.valueOf(c - '0'));
      if (value.bitLength() > 64) {
        throw format(text, i, "amount too large");
      }
    }
    for (int f = Math.max(fraction, 0); f < scale; f++) {
      value = value.multiply(BigInteger.TEN);
    }
    if (negative) {
      value = value.negate();
    }
    if (value.bitLength() > 63) {
      throw format(text, 0, "amount too large for a long of minor units");
    }
    return new Money(value.longValue(), currency);
  }

  private static InvalidValueException format(String text, int position, String why) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return new InvalidValueException(
        InvalidValueException.MONEY_FORMAT,
        "invalid money '" + shown + "' at position " + position + ": " + why,
        position);
  }

  private static Currency currency(String code) {
    try {
      return Currency.getInstance(Objects.requireNonNull(code, "code"));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(
          InvalidValueException.MONEY_FORMAT, "unknown ISO 4217 currency code '" + code + "'", -1);
    }
  }

  private static int decimals(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    if (digits < 0) {
      throw new InvalidValueException(
          InvalidValueException.MONEY_FORMAT,
          currency.getCurrencyCode() + " is not a currency with minor units",
          -1);
    }
    return digits;
  }

  /** The amount in minor units. */
  public long minor() {
    return minor;
  }

  /** The currency. */
  public Currency currency() {
    return currency;
  }

  /** The amount in major units as an exact decimal, e.g. {@code 12.34}. */
  public BigDecimal toMajor() {
    return BigDecimal.valueOf(minor, decimals(currency));
  }

  /** True when the amount is zero. */
  public boolean isZero() {
    return minor == 0;
  }

  /** True when the amount is below zero. */
  public boolean isNegative() {
    return minor < 0;
  }

  /** This plus {@code other}; both must be in the same currency. */
  public Money plus(Money other) {
    sameCurrency(other);
    try {
      return new Money(Math.addExact(minor, other.minor), currency);
    } catch (ArithmeticException e) {
      throw overflow("plus");
    }
  }

  /** This minus {@code other}; both must be in the same currency. */
  public Money minus(Money other) {
    sameCurrency(other);
    try {
      return new Money(Math.subtractExact(minor, other.minor), currency);
    } catch (ArithmeticException e) {
      throw overflow("minus");
    }
  }

  /** This times a whole quantity, e.g. a unit price times the number of items. */
  public Money times(long quantity) {
    try {
      return new Money(Math.multiplyExact(minor, quantity), currency);
    } catch (ArithmeticException e) {
      throw overflow("times");
    }
  }

  /**
   * This times a decimal factor (a rate, a weight in kg, a percentage / 100), rounded to minor
   * units with the given mode.
   */
  public Money times(BigDecimal factor, RoundingMode rounding) {
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(rounding, "rounding");
    BigDecimal exact = BigDecimal.valueOf(minor).multiply(factor);
    try {
      return new Money(exact.setScale(0, rounding).longValueExact(), currency);
    } catch (ArithmeticException e) {
      throw overflow("times");
    }
  }

  /** The negated amount, e.g. for a refund. */
  public Money negate() {
    if (minor == Long.MIN_VALUE) {
      throw overflow("negate");
    }
    return new Money(-minor, currency);
  }

  /** The larger of this and {@code other}. */
  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** The smaller of this and {@code other}. */
  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /**
   * Splits this amount into parts proportional to {@code ratios}, so that the parts add up to
   * exactly this amount. Remainders go one minor unit at a time to the parts with the largest
   * fractional share (ties to the earliest), so the split is fair and deterministic.
   *
   * @param ratios non-negative weights, at least one of them positive
   * @return one part per ratio, in order
   */
  public List<Money> allocate(long... ratios) {
    if (ratios.length == 0) {
      throw new IllegalArgumentException("allocate needs at least one ratio");
    }
    BigInteger total = BigInteger.ZERO;
    for (long r : ratios) {
      if (r < 0) {
        throw new IllegalArgumentException("ratios must not be negative, was " + r);
      }
      total = total.add(BigInteger.valueOf(r));
    }
    if (total.signum() == 0) {
      throw new IllegalArgumentException("at least one ratio must be positive");
    }
    BigInteger amount = BigInteger.valueOf(minor);
    long[] parts = new long[ratios.length];
    BigInteger[] remainders = new BigInteger[ratios.length];
    long assigned = 0;
    for (int i = 0; i < ratios.length; i++) {
      // floor division keeps every part on the same side of its exact share, even for negatives
      BigInteger[] qr = floorDivMod(amount.multiply(BigInteger.valueOf(ratios[i])), total);
      parts[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      assigned += parts[i];
    }
    long left = minor - assigned;
    Integer[] order = new Integer[ratios.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        (a, b) -> {
          int c = remainders[b].compareTo(remainders[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    for (int k = 0; left > 0; k = (k + 1) % order.length) {
      parts[order[k]]++;
      left--;
    }
    List<Money> result = new ArrayList<>(parts.length);
    for (long p : parts) {
      result.add(new Money(p, currency));
    }
    return Collections.unmodifiableList(result);
  }

  private static BigInteger[] floorDivMod(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    if (qr[1].signum() < 0) {
      qr[0] = qr[0].subtract(BigInteger.ONE);
      qr[1] = qr[1].add(b);
    }
    return qr;
  }

  private void sameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new InvalidValueException(
          InvalidValueException.CURRENCY_MISMATCH,
          "cannot combine "
              + currency.getCurrencyCode()
              + " with "
              + other.currency.getCurrencyCode(),
          -1);
    }
  }

  private InvalidValueException overflow(String op) {
    return new InvalidValueException(
        InvalidValueException.MONEY_OVERFLOW,
        op + " overflows a long of " + currency.getCurrencyCode() + " minor units",
        -1);
  }

  /** Compares amounts of the same currency; throws for different currencies. */
  @Override
  public int compareTo(Money other) {
    sameCurrency(other);
    return Long.compare(minor, other.minor);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Money
        && ((Money) o).minor == minor
        && ((Money) o).currency.equals(currency);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(minor) * 31 + currency.hashCode();
  }

  /** The amount as {@code "12.34 EUR"}, with the currency's number of decimals. */
  @Override
  public String toString() {
    return toMajor().toPlainString() + " " + currency.getCurrencyCode();
  }
}
