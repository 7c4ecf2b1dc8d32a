package io.ambientretail.inventory.forecast;

import java.util.Locale;

/**
 * The error a forecast is judged by, and therefore the error the per-series selection minimises in
 * its backtest. Absolute errors (MASE, WAPE) are smallest for a median-like forecast, which on
 * sparse demand is often zero; squared errors (RMSSE) for a mean-like one.
 */
public enum ForecastMetric {
  /** Root mean squared scaled error (M5): squared errors, favours the mean. */
  RMSSE("rmsse"),
  /** Mean absolute scaled error (M4): absolute errors, favours the median. */
  MASE("mase"),
  /** Weighted absolute percentage error: absolute errors summed over series, favours the median. */
  WAPE("wape");

  private final String id;

  ForecastMetric(String id) {
    this.id = id;
  }

  /** The lower-case id on the command line. */
  public String id() {
    return id;
  }

  /** Whether the metric is built on absolute rather than squared errors. */
  public boolean absolute() {
    return this != RMSSE;
  }

  /**
   * The metric with the given id, ignoring case.
   *
   * @throws IllegalArgumentException if no metric has that id
   */
  public static ForecastMetric ofId(String id) {
    String want = id.toLowerCase(Locale.ROOT);
    for (ForecastMetric m : values()) {
      if (m.id.equals(want)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + id + "' (rmsse, mase or wape)");
  }
}
