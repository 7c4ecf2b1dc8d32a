package io.ambientretail.devices;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A temperature as an integer number of hundredths of a degree Celsius (centi-degrees), the one
 * unit the SDK keeps temperatures in; Fahrenheit only through {@link #ofFahrenheit(BigDecimal)} and
 * {@link #fahrenheit()}, the one named conversion ({@code °F = °C × 9/5 + 32}, exact in decimal).
 *
 * <p>Immutable; compares by value.
 */
public final class Temperature implements Comparable<Temperature> {
  private final long centiCelsius;

  private Temperature(long centiCelsius) {
    this.centiCelsius = centiCelsius;
  }

  /** {@code centiCelsius} hundredths of a degree Celsius (500 is 5.00 °C). */
  public static Temperature ofCentiCelsius(long centiCelsius) {
    return new Temperature(centiCelsius);
  }

  /** Whole degrees Celsius. */
  public static Temperature ofCelsius(long celsius) {
    return new Temperature(Math.multiplyExact(celsius, 100L));
  }

  /**
   * Degrees Celsius given as a decimal, rounded half-even to the hundredth.
   *
   * @throws ArithmeticException if out of range
   */
  public static Temperature ofCelsius(BigDecimal celsius) {
    return new Temperature(
        celsius.movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
  }

  /**
   * Degrees Fahrenheit, converted by {@code (°F - 32) × 5/9} and rounded half-even to the hundredth
   * of a degree Celsius (41 °F is exactly 5.00 °C).
   */
  public static Temperature ofFahrenheit(BigDecimal fahrenheit) {
    BigDecimal c =
        fahrenheit
            .subtract(BigDecimal.valueOf(32))
            .multiply(BigDecimal.valueOf(500))
            .divide(BigDecimal.valueOf(9), 0, RoundingMode.HALF_EVEN);
    return new Temperature(c.longValueExact());
  }

  /** Hundredths of a degree Celsius. */
  public long centiCelsius() {
    return centiCelsius;
  }

  /** Degrees Celsius, exact (two decimals). */
  public BigDecimal celsius() {
    return BigDecimal.valueOf(centiCelsius, 2);
  }

  /** Degrees Fahrenheit, exact ({@code °C × 9/5 + 32} of a value in hundredths terminates). */
  public BigDecimal fahrenheit() {
    return BigDecimal.valueOf(centiCelsius)
        .multiply(BigDecimal.valueOf(9))
        .divide(BigDecimal.valueOf(500))
        .add(BigDecimal.valueOf(32));
  }

  /** True when this is warmer than {@code other}. */
  public boolean isAbove(Temperature other) {
    return centiCelsius > other.centiCelsius;
  }

  @Override
  public int compareTo(Temperature o) {
    return Long.compare(centiCelsius, o.centiCelsius);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Temperature t && t.centiCelsius == centiCelsius;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(centiCelsius);
  }

  /** E.g. {@code 4.25 °C}. */
  @Override
  public String toString() {
    return celsius().toPlainString() + " °C";
  }
}
