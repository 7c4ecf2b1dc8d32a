package io.ambientretail.inventory.forecast;

import java.util.Locale;

/**
 * A forecasting method for daily demand, with the id the command line and JSON output use.
 *
 * <p>Every method fits its smoothing parameters to the history by the one-step-ahead squared error
 * over a small grid, so fitting is deterministic and takes time linear in the history length.
 */
public enum ForecastMethod {
  /** Simple exponential smoothing: a level, no trend, no season. */
  SES("ses"),
  /** Holt's linear trend, optionally damped. */
  HOLT("holt"),
  /** Holt-Winters with an additive weekly (7-day) season and an optional damped trend. */
  HOLT_WINTERS("holt-winters"),
  /** Croston's method for intermittent demand: smoothed demand size over smoothed interval. */
  CROSTON("croston"),
  /** The Syntetos-Boylan approximation: Croston with its bias corrected by (1 - alpha/2). */
  SBA("sba"),
  /**
   * Teunter-Syntetos-Babai: smoothed probability of demand times smoothed size; follows dying
   * items.
   */
  TSB("tsb"),
  /**
   * ADIDA: sales summed over buckets of about one inter-demand interval, smoothed (SES with its
   * alpha fitted), spread back evenly over the periods.
   */
  ADIDA("adida"),
  /** iMAPA: the mean of the ADIDA forecasts over every bucket size from 1 to the interval. */
  IMAPA("imapa"),
  /**
   * Nothing sells: the baseline for dying items, and what absolute errors favour on sparse data.
   */
  ZERO("zero"),
  /** The median of the last 12 periods: a baseline that absolute errors (MASE, WAPE) favour. */
  MEDIAN("median"),
  /**
   * The median of the last 12 periods capped by a TSB forecast (probability smoothed with beta 0.3,
   * size with alpha 0.1): robust on sparse demand, and forecast down once demand dies away.
   */
  DYING_MEDIAN("median-tsb"),
  /** The mean of the last 28 days: the baseline the others must beat. */
  MEAN_28("mean28");

  private final String id;

  ForecastMethod(String id) {
    this.id = id;
  }

  /** The lower-case id used on the command line and in JSON, such as {@code "tsb"}. */
  public String id() {
    return id;
  }

  /**
   * The method with the given id, ignoring case.
   *
   * @throws IllegalArgumentException if no method has that id
   */
  public static ForecastMethod ofId(String id) {
    String want = id.toLowerCase(Locale.ROOT);
    for (ForecastMethod m : values()) {
      if (m.id.equals(want)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown forecast method '" + id + "'");
  }
}
