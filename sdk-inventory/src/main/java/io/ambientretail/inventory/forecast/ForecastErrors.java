package io.ambientretail.inventory.forecast;

/**
 * The errors of one forecast against what happened, with the series' own day-to-day variation for
 * scaling (as in the M4 and M5 competitions): MASE, RMSSE and the parts of WAPE.
 *
 * <p>Scaled errors divide by the in-sample mean absolute (MASE) or squared (RMSSE) one-day naive
 * change of the history; a history with no change at all has no scale, and then {@link #mase} and
 * {@link #rmsse} are {@code NaN} and {@link #scaled} is false. Immutable.
 */
public final class ForecastErrors {
  private final int days;
  private final double absError;
  private final double squaredError;
  private final double actual;
  private final double scaleAbs;
  private final double scaleSquared;

  private ForecastErrors(
      int days,
      double absError,
      double squaredError,
      double actual,
      double scaleAbs,
      double scaleSquared) {
    this.days = days;
    this.absError = absError;
    this.squaredError = squaredError;
    this.actual = actual;
    this.scaleAbs = scaleAbs;
    this.scaleSquared = scaleSquared;
  }

  /**
   * Measures {@code forecast} against {@code actual}, scaled by the naive one-day changes of {@code
   * history[offset .. offset+length)}.
   *
   * @throws IllegalArgumentException if forecast and actual differ in length or are empty
   */
  public static ForecastErrors measure(
      int[] history, int offset, int length, double[] forecast, double[] actual) {
    if (forecast.length != actual.length || forecast.length == 0) {
      throw new IllegalArgumentException("forecast and actual must have the same, non-zero length");
    }
    double sa = 0;
    double ss = 0;
    for (int t = offset + 1; t < offset + length; t++) {
      double d = history[t] - history[t - 1];
      sa += Math.abs(d);
      ss += d * d;
    }
    int k = Math.max(1, length - 1);
    double ae = 0;
    double se = 0;
    double act = 0;
    for (int i = 0; i < forecast.length; i++) {
      double e = actual[i] - forecast[i];
      ae += Math.abs(e);
      se += e * e;
      act += Math.abs(actual[i]);
    }
    return new ForecastErrors(forecast.length, ae, se, act, sa / k, ss / k);
  }

  /** Days compared. */
  public int days() {
    return days;
  }

  /** Whether the history had any day-to-day change, so that MASE and RMSSE are defined. */
  public boolean scaled() {
    return scaleAbs > 0;
  }

  /** Mean absolute scaled error; {@code NaN} when not {@link #scaled}. */
  public double mase() {
    return scaleAbs > 0 ? absError / days / scaleAbs : Double.NaN;
  }

  /** Root mean squared scaled error; {@code NaN} when not {@link #scaled}. */
  public double rmsse() {
    return scaleSquared > 0 ? Math.sqrt(squaredError / days / scaleSquared) : Double.NaN;
  }

  /** Mean squared scaled error (the square of {@link #rmsse}); {@code NaN} when not scaled. */
  public double msse() {
    return scaleSquared > 0 ? squaredError / days / scaleSquared : Double.NaN;
  }

  /** Sum of absolute errors, in units: the numerator of WAPE when summed over series. */
  public double absoluteError() {
    return absError;
  }

  /** Sum of squared errors, in units squared. */
  public double squaredError() {
    return squaredError;
  }

  /** Sum of absolute actual units: the denominator of WAPE when summed over series. */
  public double actualUnits() {
    return actual;
  }

  /** Weighted absolute percentage error of this series alone; {@code NaN} if nothing sold. */
  public double wape() {
    return actual > 0 ? absError / actual : Double.NaN;
  }
}
