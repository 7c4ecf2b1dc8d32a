package io.ambientretail.inventory.forecast;

import io.ambientretail.inventory.forecast.internal.AggregateModels;
import io.ambientretail.inventory.forecast.internal.Models;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Forecasts demand series (daily by default, weekly or monthly with {@link #forPeriod}), choosing
 * the method for each series by backtest on the metric asked for ({@link ForecastMetric}): every
 * candidate is fitted on the history without its last periods (the selection window), forecasts
 * those periods (repeated for one or more consecutive windows back from the end), and the one with
 * the lowest total error is refitted on the whole history.
 *
 * <p>Histories are passed as a slice of an {@code int[]} of units per period, oldest first, so that
 * callers holding millions of series in one flat array do not copy them. An engine is immutable and
 * thread-safe; calls allocate only small per-call buffers.
 *
 * <pre>{@code
 * ForecastEngine engine = ForecastEngine.defaults();
 * SeriesForecast f = engine.forecast(history, 0, history.length, 7);
 * }</pre>
 */
public final class ForecastEngine {
  /** Histories shorter than this are forecast by SES without selection. */
  static final int MIN_SELECTION_DAYS = 35;

  /** A candidate replaces an intermittent series' default only below this share of its error. */
  static final double SWITCH_MARGIN = 0.5;

  /** The mean interval between demands (Syntetos-Boylan) from which a series is intermittent. */
  static final double INTERMITTENT_INTERVAL = 1.32;

  private final Set<ForecastMethod> candidates;
  private final int selectionWindowDays;
  private final int selectionFolds;
  private final int season;
  private final ForecastMetric metric;
  private final boolean intermittentDefault;

  private ForecastEngine(Builder b) {
    this.intermittentDefault = b.intermittentDefault;
    this.season = b.season;
    this.metric = b.metric;
    this.selectionFolds = b.selectionFolds;
    this.candidates = EnumSet.copyOf(b.candidates);
    this.selectionWindowDays = b.selectionWindowDays;
  }

  /**
   * An engine choosing among SES, Holt, Holt-Winters, Croston, SBA and TSB with a 28-day selection
   * window.
   */
  public static ForecastEngine defaults() {
    return builder().build();
  }

  /**
   * The {@link #defaults()} for series of {@code period}: Holt-Winters with that period's season
   * (weekday, week of year, month of year) and a selection window of 28 days, 8 weeks or 6 months.
   */
  public static ForecastEngine forPeriod(ForecastPeriod period) {
    return builder().period(period).build();
  }

  /** The metric the selection minimises. */
  public ForecastMetric metric() {
    return metric;
  }

  /** Periods in one season of the Holt-Winters candidate. */
  public int seasonLength() {
    return season;
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The candidate methods, in enum order. */
  public Set<ForecastMethod> candidates() {
    return EnumSet.copyOf(candidates);
  }

  /**
   * Forecasts the next {@code horizon} days with the method chosen by backtest.
   *
   * @throws IllegalArgumentException if the slice is outside the array or horizon is below 1
   */
  public SeriesForecast forecast(int[] history, int offset, int length, int horizon) {
    checkSlice(history, offset, length, horizon);
    double[] y = toDouble(history, offset, length);
    long choice = choose(y, length, horizon);
    ForecastMethod m = ForecastMethod.values()[(int) (choice >>> 32)];
    double[] out = new double[horizon];
    // Refit the chosen method on the whole history: parameters fitted before the selection
    // window are stale for series whose regime changed in it (a dying item).
    double sse = Models.run(m, Models.fit(m, y, length, season), y, length, season, out);
    return new SeriesForecast(m, out, Models.rmse(m, sse, length));
  }

  /**
   * Forecasts the next {@code horizon} days with a given method.
   *
   * @throws IllegalArgumentException if the slice is outside the array or horizon is below 1
   */
  public SeriesForecast forecast(
      ForecastMethod method, int[] history, int offset, int length, int horizon) {
    checkSlice(history, offset, length, horizon);
    double[] y = toDouble(history, offset, length);
    double[] out = new double[horizon];
    double sd = Models.fitAndForecast(method, y, length, season, out);
    return new SeriesForecast(method, out, sd);
  }

  /**
   * Chooses the method for a series by backtest over the last {@code max(horizon, window)} days (at
   * most a third of the history), repeated for each fold.
   *
   * @throws IllegalArgumentException if the slice is outside the array or horizon is below 1
   */
  public ForecastMethod select(int[] history, int offset, int length, int horizon) {
    checkSlice(history, offset, length, horizon);
    long choice = choose(toDouble(history, offset, length), length, horizon);
    return ForecastMethod.values()[(int) (choice >>> 32)];
  }

  /**
   * The chosen method (high 32 bits, ordinal) and its grid point (low 32 bits). Each candidate's
   * parameters are fitted once, on the history before the last window, and replayed to forecast
   * every fold, so a choice costs one grid fit per candidate (earlier folds then score a model
   * whose parameters saw them: a small optimism shared by all candidates, and parameters fitted
   * before the oldest fold would miss a change of regime, as in a dying item).
   *
   * <p>A fold's error follows the metric: the sum of absolute errors for MASE and WAPE, of squared
   * errors for RMSSE; with {@link Builder#intermittentDefault} the root of each fold's squared
   * errors (the metric averages roots per series, so one fold's spike should not outweigh the
   * others). With {@link Builder#intermittentDefault} an intermittent series keeps its robust
   * default unless a candidate's backtest error is below {@link #SWITCH_MARGIN} of the default's:
   * on short, sparse series the backtest of a few windows is mostly noise, and choosing by it loses
   * to a robust default out of sample.
   */
  private long choose(double[] y, int length, int horizon) {
    ForecastMethod fallback = intermittentDefault ? intermittentDefault(y, length) : null;
    if (length < MIN_SELECTION_DAYS || candidates.size() == 1) {
      ForecastMethod only =
          candidates.size() == 1
              ? candidates.iterator().next()
              : fallback != null ? fallback : ForecastMethod.SES;
      return ((long) only.ordinal() << 32) | Models.fit(only, y, length, season);
    }
    int window = Math.min(Math.max(horizon, selectionWindowDays), length / (2 + selectionFolds));
    int base = length - window;
    double[] out = new double[window];
    long best = -1;
    double bestErr = Double.POSITIVE_INFINITY;
    if (fallback != null) {
      int p = Models.fit(fallback, y, base, season);
      bestErr = SWITCH_MARGIN * backtestError(fallback, p, y, length, window, out);
      best = ((long) fallback.ordinal() << 32) | p;
    }
    for (ForecastMethod m : candidates) {
      if (m == fallback || (m == ForecastMethod.HOLT_WINTERS && base < 2 * season)) {
        continue; // a season needs two cycles of history to be seen at all
      }
      int p = Models.fit(m, y, base, season);
      double err = backtestError(m, p, y, length, window, out);
      if (err < bestErr - 1e-9) {
        bestErr = err;
        best = ((long) m.ordinal() << 32) | p;
      }
    }
    return best;
  }

  private double backtestError(
      ForecastMethod m, int p, double[] y, int length, int window, double[] out) {
    boolean abs = metric.absolute();
    double err = 0;
    for (int fold = selectionFolds; fold >= 1; fold--) {
      int train = length - fold * window;
      Models.run(m, p, y, train, season, out);
      double w = 0;
      for (int i = 0; i < window; i++) {
        double e = y[train + i] - out[i];
        w += abs ? Math.abs(e) : e * e;
      }
      err += abs || !intermittentDefault ? w : Math.sqrt(w);
    }
    return err;
  }

  /**
   * The robust default for an intermittent series (a mean interval between demands of at least
   * {@link #INTERMITTENT_INTERVAL} periods), or null for a smooth one: for absolute errors the zero
   * forecast when demand comes in fewer than half the periods (the median of each period is then
   * 0), otherwise the dying-aware median.
   */
  private ForecastMethod intermittentDefault(double[] y, int length) {
    double interval = AggregateModels.meanInterval(y, length);
    if (interval < INTERMITTENT_INTERVAL) {
      return null;
    }
    return metric.absolute() ? ForecastMethod.ZERO : ForecastMethod.DYING_MEDIAN;
  }

  /**
   * Backtests {@code methods} on one series: each is fitted on all but the last {@code horizon}
   * days and scored on those days.
   *
   * @throws IllegalArgumentException if the history is not longer than horizon + 14 days
   */
  public Map<ForecastMethod, ForecastErrors> backtest(
      int[] history, int offset, int length, int horizon, Set<ForecastMethod> methods) {
    checkSlice(history, offset, length, horizon);
    if (length <= horizon + 14) {
      throw new IllegalArgumentException(
          "a backtest over "
              + horizon
              + " days needs more than "
              + (horizon + 14)
              + " days of history, got "
              + length);
    }
    int train = length - horizon;
    double[] y = toDouble(history, offset, length);
    double[] actual = new double[horizon];
    System.arraycopy(y, train, actual, 0, horizon);
    Map<ForecastMethod, ForecastErrors> result = new EnumMap<>(ForecastMethod.class);
    double[] out = new double[horizon];
    for (ForecastMethod m : methods) {
      Models.fitAndForecast(m, y, train, season, out);
      result.put(m, ForecastErrors.measure(history, offset, train, out, actual));
    }
    return result;
  }

  private static double[] toDouble(int[] history, int offset, int length) {
    double[] y = new double[length];
    for (int i = 0; i < length; i++) {
      y[i] = history[offset + i];
    }
    return y;
  }

  private static void checkSlice(int[] history, int offset, int length, int horizon) {
    Objects.checkFromIndexSize(offset, length, history.length);
    if (horizon < 1 || horizon > 3660) {
      throw new IllegalArgumentException("horizon must be 1..3660 days, was " + horizon);
    }
  }

  /** Configures a {@link ForecastEngine}; not thread-safe. */
  public static final class Builder {
    private Set<ForecastMethod> candidates =
        EnumSet.of(
            ForecastMethod.SES,
            ForecastMethod.HOLT,
            ForecastMethod.HOLT_WINTERS,
            ForecastMethod.CROSTON,
            ForecastMethod.SBA,
            ForecastMethod.TSB);
    private int selectionWindowDays = 28;
    private int selectionFolds = 2;
    private int season = 7;
    private ForecastMetric metric = ForecastMetric.RMSSE;
    private boolean intermittentDefault;

    private Builder() {}

    /**
     * Sets the season, selection window and candidates for series of {@code period}: for days those
     * of {@link #defaults()}; for weeks a 52-week season and an 8-week window, for months a
     * 12-month season and a 6-month window, both over three folds and with the candidates for
     * intermittent and dying demand added (ADIDA, iMAPA, zero, the median of the last 12 periods).
     */
    public Builder period(ForecastPeriod period) {
      this.season = period.seasonLength();
      if (period == ForecastPeriod.DAY) {
        this.selectionWindowDays = 28;
        this.selectionFolds = 2;
        this.intermittentDefault = false;
        return this;
      }
      this.selectionWindowDays = period == ForecastPeriod.WEEK ? 8 : 6;
      this.selectionFolds = 3;
      this.intermittentDefault = true;
      this.candidates.addAll(
          EnumSet.of(
              ForecastMethod.DYING_MEDIAN,
              ForecastMethod.ADIDA,
              ForecastMethod.IMAPA,
              ForecastMethod.ZERO,
              ForecastMethod.MEDIAN));
      return this;
    }

    /**
     * Whether intermittent series (a mean interval between demands of 1.32 periods or more) keep a
     * robust default unless the backtest shows a candidate at under half its error: the dying-aware
     * median ({@link ForecastMethod#DYING_MEDIAN}) for RMSSE, and for MASE and WAPE the zero
     * forecast when demand comes in fewer than half the periods. Default off for daily series, on
     * for weekly and monthly ones ({@link #period}).
     */
    public Builder intermittentDefault(boolean on) {
      this.intermittentDefault = on;
      return this;
    }

    /**
     * The metric the per-series selection minimises in its backtest (default {@link
     * ForecastMetric#RMSSE}: squared errors; {@code MASE} and {@code WAPE} choose by absolute
     * errors).
     */
    public Builder metric(ForecastMetric m) {
      this.metric = Objects.requireNonNull(m, "metric");
      return this;
    }

    /**
     * Periods in one season of the Holt-Winters candidate; 2 to 366, default 7 (a week of days).
     */
    public Builder seasonLength(int periods) {
      this.season = periods;
      return this;
    }

    /**
     * How many consecutive windows back from the end of the history each candidate is scored on; 1
     * to 4, default 2. More folds choose more steadily and cost proportionally more time.
     */
    public Builder selectionFolds(int folds) {
      this.selectionFolds = folds;
      return this;
    }

    /** The methods to choose among; at least one. */
    public Builder candidates(Set<ForecastMethod> methods) {
      this.candidates = EnumSet.noneOf(ForecastMethod.class);
      this.candidates.addAll(methods);
      return this;
    }

    /**
     * Periods (days for daily series) held out to choose a method when the horizon is shorter; 1 to
     * 366, default 28.
     */
    public Builder selectionWindowDays(int days) {
      this.selectionWindowDays = days;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalArgumentException if no candidate is given or the window is out of range
     */
    public ForecastEngine build() {
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("at least one candidate method is needed");
      }
      if (selectionFolds < 1 || selectionFolds > 4) {
        throw new IllegalArgumentException("selectionFolds must be 1..4, was " + selectionFolds);
      }
      if (selectionWindowDays < 1 || selectionWindowDays > 366) {
        throw new IllegalArgumentException(
            "selectionWindowDays must be 1..366, was " + selectionWindowDays);
      }
      if (season < 2 || season > 366) {
        throw new IllegalArgumentException("seasonLength must be 2..366, was " + season);
      }
      return new ForecastEngine(this);
    }
  }
}
