package io.ambientretail.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A weight as a whole number of milligrams, so that sums and differences of load-cell readings
 * never drift the way floating point does. Negative weights are allowed (a pick is a negative
 * change). Text is grams with three decimals: {@code "250.125 g"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Weight implements Comparable<Weight> {
  /** Zero milligrams. */
  public static final Weight ZERO = new Weight(0);

  private final long milligrams;

  private Weight(long milligrams) {
    this.milligrams = milligrams;
  }

  /** A weight of {@code mg} milligrams. */
  public static Weight ofMilligrams(long mg) {
    return mg == 0 ? ZERO : new Weight(mg);
  }

  /** A weight of {@code grams} whole grams. */
  public static Weight ofGrams(long grams) {
    try {
      return ofMilligrams(Math.multiplyExact(grams, 1000L));
    } catch (ArithmeticException e) {
      throw new InvalidValueException(
          InvalidValueException.WEIGHT_FORMAT, grams + " g overflows a long of milligrams", -1);
    }
  }

  /**
   * An exact decimal number of grams, e.g. {@code ofGrams(new BigDecimal("12.5"))}; rounded to the
   * milligram with the given mode.
   */
  public static Weight ofGrams(BigDecimal grams, RoundingMode rounding) {
    try {
      return ofMilligrams(grams.movePointRight(3).setScale(0, rounding).longValueExact());
    } catch (ArithmeticException e) {
      throw new InvalidValueException(
          InvalidValueException.WEIGHT_FORMAT,
          grams.toPlainString() + " g does not fit a long of milligrams",
          -1);
    }
  }

  /** The weight in milligrams. */
  public long milligrams() {
    return milligrams;
  }

  /** The weight in grams as an exact decimal with three places. */
  public BigDecimal grams() {
    return BigDecimal.valueOf(milligrams, 3);
  }

  /** This plus {@code other}. */
  public Weight plus(Weight other) {
    return ofMilligrams(Math.addExact(milligrams, other.milligrams));
  }

  /** This minus {@code other}. */
  public Weight minus(Weight other) {
    return ofMilligrams(Math.subtractExact(milligrams, other.milligrams));
  }

  /** The absolute value. */
  public Weight abs() {
    return milligrams < 0 ? ofMilligrams(Math.negateExact(milligrams)) : this;
  }

  @Override
  public int compareTo(Weight o) {
    return Long.compare(milligrams, o.milligrams);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Weight && ((Weight) o).milligrams == milligrams;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(milligrams);
  }

  /** Grams with three decimals and the unit, e.g. {@code "250.125 g"}. */
  @Override
  public String toString() {
    return grams().toPlainString() + " g";
  }
}
