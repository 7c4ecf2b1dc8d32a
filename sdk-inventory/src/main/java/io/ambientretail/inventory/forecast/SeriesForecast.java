package io.ambientretail.inventory.forecast;

import java.util.Objects;

/**
 * The forecast of one demand series: expected units per day for each day of the horizon, the method
 * that made it and the spread of its one-day-ahead errors.
 *
 * <p>Immutable: the daily values are copied in and out.
 */
public final class SeriesForecast {
  private final ForecastMethod method;
  private final double[] daily;
  private final double errorSd;

  /**
   * Creates a forecast.
   *
   * @param method the method that made it
   * @param daily expected units for each day of the horizon, each finite and at least 0
   * @param errorSd the standard deviation of the method's one-day-ahead errors, in units, at least
   *     0
   * @throws IllegalArgumentException if a value is negative or not finite
   */
  public SeriesForecast(ForecastMethod method, double[] daily, double errorSd) {
    this.method = Objects.requireNonNull(method, "method");
    this.daily = daily.clone();
    for (double d : this.daily) {
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("daily forecasts must be finite and >= 0, got " + d);
      }
    }
    if (!(errorSd >= 0) || Double.isInfinite(errorSd)) {
      throw new IllegalArgumentException("errorSd must be finite and >= 0, got " + errorSd);
    }
    this.errorSd = errorSd;
  }

  /** The method that made this forecast. */
  public ForecastMethod method() {
    return method;
  }

  /** The number of days forecast. */
  public int horizon() {
    return daily.length;
  }

  /** Expected units on day {@code day} of the horizon (0 is the first day after the history). */
  public double day(int day) {
    return daily[day];
  }

  /** A copy of the expected units per day. */
  public double[] daily() {
    return daily.clone();
  }

  /** Expected units over days {@code from} (inclusive) to {@code to} (exclusive) of the horizon. */
  public double sum(int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += daily[i];
    }
    return s;
  }

  /** The standard deviation of one-day-ahead forecast errors, in units. */
  public double errorSd() {
    return errorSd;
  }

  @Override
  public String toString() {
    return "SeriesForecast{"
        + method.id()
        + ", horizon="
        + daily.length
        + ", errorSd="
        + errorSd
        + "}";
  }
}
