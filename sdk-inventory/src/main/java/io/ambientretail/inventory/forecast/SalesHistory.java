package io.ambientretail.inventory.forecast;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Unit sales per period (day, ISO week or month: {@link #period()}) of many store-SKU series over
 * one span of periods, held compactly: one flat {@code int[]} of {@code series x periods}, oldest
 * first, with periods without a sale as zero. For a daily history a period is a day, and the
 * methods speaking of days count days; for weekly and monthly ones they count weeks or months.
 *
 * <p>A million series of a year fit in about 1.5 GB. Immutable after construction and therefore
 * thread-safe; {@link #ofDense} takes ownership of the caller's array rather than copying it.
 *
 * <pre>{@code
 * SalesHistory h = SalesCsv.read(Path.of("sales.csv"), InputLimits.defaults());
 * int[] oneSeries = h.series(h.indexOf(StoreId.of("S001"), SkuId.of("05012345678900")).orElseThrow());
 * }</pre>
 */
public final class SalesHistory {
  private final ForecastPeriod period;
  private final LocalDate start;
  private final int days;
  private final StoreId[] stores;
  private final SkuId[] skus;
  private final int[] data;
  private final Map<Key, Integer> index;

  private SalesHistory(
      ForecastPeriod period,
      LocalDate start,
      int days,
      StoreId[] stores,
      SkuId[] skus,
      int[] data) {
    this.period = period;
    this.start = start;
    this.days = days;
    this.stores = stores;
    this.skus = skus;
    this.data = data;
    this.index = new HashMap<>(stores.length * 2);
    for (int i = 0; i < stores.length; i++) {
      if (index.put(new Key(stores[i], skus[i]), i) != null) {
        throw new IllegalArgumentException("series " + stores[i] + "/" + skus[i] + " twice");
      }
    }
  }

  /**
   * A history over a flat array of {@code stores.length x days} quantities, series after series.
   * The arrays are <em>not</em> copied: the caller hands them over and must not change them.
   *
   * @throws IllegalArgumentException if lengths disagree, a pair repeats or a quantity is negative
   */
  public static SalesHistory ofDense(
      LocalDate start, int days, StoreId[] stores, SkuId[] skus, int[] data) {
    return ofDense(ForecastPeriod.DAY, start, days, stores, skus, data);
  }

  /**
   * A history of {@code periods} periods per series starting with the period that begins on {@code
   * start}, over a flat array of {@code stores.length x periods} quantities, series after series.
   * The arrays are <em>not</em> copied.
   *
   * @throws IllegalArgumentException if {@code start} is not the first day of a period, lengths
   *     disagree, a pair repeats or a quantity is negative
   */
  public static SalesHistory ofDense(
      ForecastPeriod period,
      LocalDate start,
      int periods,
      StoreId[] stores,
      SkuId[] skus,
      int[] data) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(start, "start");
    if (!period.startOf(start).equals(start)) {
      throw new IllegalArgumentException(start + " is not the first day of a " + period.id());
    }
    int days = periods;
    if (days < 1 || stores.length != skus.length || (long) stores.length * days != data.length) {
      throw new IllegalArgumentException("need days >= 1 and data.length == series x days");
    }
    for (int q : data) {
      if (q < 0) {
        throw new IllegalArgumentException("sales quantities must be >= 0, got " + q);
      }
    }
    return new SalesHistory(period, start, days, stores, skus, data);
  }

  /** The grain of the series: day, week or month. */
  public ForecastPeriod period() {
    return period;
  }

  /** The first day of the history (the first day of its first period). */
  public LocalDate startDate() {
    return start;
  }

  /** The last day of the history (the last day of its last period). */
  public LocalDate endDate() {
    return period.plus(start, days).minusDays(1);
  }

  /** The first day of period {@code k} (0 is the first period; may be past the history). */
  public LocalDate periodStart(long k) {
    return period.plus(start, k);
  }

  /** The number of periods in the history: days for a daily history. */
  public int days() {
    return days;
  }

  /** The number of store-SKU series. */
  public int seriesCount() {
    return stores.length;
  }

  /** The store of series {@code i}. */
  public StoreId store(int i) {
    return stores[i];
  }

  /** The SKU of series {@code i}. */
  public SkuId sku(int i) {
    return skus[i];
  }

  /** The index of the series of a store and SKU, if the history has one. */
  public OptionalInt indexOf(StoreId store, SkuId sku) {
    Integer i = index.get(new Key(store, sku));
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** Units sold in series {@code i} on day {@code day} (0 is {@link #startDate}). */
  public int quantity(int i, int day) {
    Objects.checkIndex(day, days);
    return data[i * days + day];
  }

  /** A copy of the daily units of series {@code i}, oldest first. */
  public int[] series(int i) {
    Objects.checkIndex(i, stores.length);
    int[] out = new int[days];
    System.arraycopy(data, i * days, out, 0, days);
    return out;
  }

  /**
   * Forecasts series {@code i} with an engine, without copying its history.
   *
   * @throws IndexOutOfBoundsException if there is no series {@code i}
   */
  public SeriesForecast forecast(ForecastEngine engine, int i, int horizon) {
    Objects.checkIndex(i, stores.length);
    return engine.forecast(data, i * days, days, horizon);
  }

  /** Forecasts series {@code i} with a given method, without copying its history. */
  public SeriesForecast forecast(ForecastEngine engine, ForecastMethod method, int i, int horizon) {
    Objects.checkIndex(i, stores.length);
    return engine.forecast(method, data, i * days, days, horizon);
  }

  /** Backtests series {@code i}; see {@link ForecastEngine#backtest}. */
  public Map<ForecastMethod, ForecastErrors> backtest(
      ForecastEngine engine, int i, int horizon, java.util.Set<ForecastMethod> methods) {
    Objects.checkIndex(i, stores.length);
    return engine.backtest(data, i * days, days, horizon, methods);
  }

  /** Chooses the method for series {@code i} from its history up to {@code length} days. */
  public ForecastMethod select(ForecastEngine engine, int i, int length, int horizon) {
    Objects.checkIndex(i, stores.length);
    Objects.checkFromIndexSize(0, length, days);
    return engine.select(data, i * days, length, horizon);
  }

  private record Key(StoreId store, SkuId sku) {}
}
