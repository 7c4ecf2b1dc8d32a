package io.ambientretail.inventory.replenish;

import io.ambientretail.inventory.forecast.ForecastEngine;
import io.ambientretail.inventory.forecast.ForecastPeriod;
import io.ambientretail.inventory.forecast.SalesHistory;
import io.ambientretail.inventory.replenish.internal.DemandOverDays;
import io.ambientretail.inventory.replenish.internal.OrderRules;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Plans the orders to place on a date for every store-SKU location, from sales history, stock and
 * policies.
 *
 * <p>Rules (those of {@code ambient replenish plan}): the inventory position is on hand + on order.
 * <b>min/max</b>: below {@code min}, order {@code max} - position. <b>(s, S)</b>: at or below
 * {@code s}, order up to {@code S}. <b>rop</b>: the reorder point is the forecast demand over lead
 * time + review period plus safety stock ({@code z(service level) x error sd x sqrt(days)}); below
 * it, order up to the reorder point + one review period of demand. Every quantity is then rounded
 * up to whole packs, raised to the minimum order, and cut so that position + order stays within
 * capacity and within what is forecast to sell before a fresh delivery spoils (to the largest
 * number of whole packs that fits; nothing if that is below the minimum order). A location whose
 * order days exclude the plan date orders nothing; its review period stretches to the next order
 * day.
 *
 * <p>Forecasts come from the {@link ForecastEngine} (method chosen per series by backtest). With an
 * executor the locations are planned in parallel chunks; the orders still come out in the order of
 * the stock positions. Thread-safe: one planner may run several plans at once.
 */
public final class ReplenishmentPlanner {
  private static final int CHUNK = 1024;

  /** The latest plan date, in days after the last day of the sales history. */
  public static final int MAX_DAYS_AHEAD = 366;

  private final PolicyTable policies;
  private final @Nullable ForecastEngine engine;
  private final @Nullable Boolean historyQuantiles;
  private final @Nullable ExecutorService executor;
  private final int parallelism;

  private ReplenishmentPlanner(Builder b) {
    policies = b.policies;
    engine = b.engine;
    historyQuantiles = b.historyQuantiles;
    executor = b.executor;
    parallelism = b.parallelism;
  }

  /** A builder; {@link Builder#policies} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Plans and returns the orders, in the order of the stock positions. */
  public List<PlannedOrder> plan(SalesHistory sales, StockPositions stock, LocalDate date) {
    List<PlannedOrder> out = new ArrayList<>();
    plan(sales, stock, date, out::add, PlanProgress.NONE);
    return out;
  }

  /**
   * Plans, handing each order to {@code sink} on the calling thread in the order of the stock
   * positions, and reporting progress.
   *
   * @throws io.ambientretail.inventory.InventoryInputException if a location's policy is invalid
   * @throws IllegalStateException if a worker fails or the thread is interrupted
   * @throws IllegalArgumentException if the date is more than {@link #MAX_DAYS_AHEAD} days after
   *     the last day of the sales history
   */
  public PlanSummary plan(
      SalesHistory sales,
      StockPositions stock,
      LocalDate date,
      Consumer<PlannedOrder> sink,
      PlanProgress progress) {
    Objects.requireNonNull(date, "date");
    long ahead = ChronoUnit.DAYS.between(sales.endDate(), date);
    if (ahead > MAX_DAYS_AHEAD) {
      throw new IllegalArgumentException(
          "plan date "
              + date
              + " is "
              + ahead
              + " days after the last sales date "
              + sales.endDate()
              + "; plans reach at most "
              + MAX_DAYS_AHEAD
              + " days past the history");
    }
    int n = stock.size();
    boolean quantiles =
        historyQuantiles != null ? historyQuantiles : sales.period() != ForecastPeriod.DAY;
    ForecastEngine forecaster = engine != null ? engine : ForecastEngine.forPeriod(sales.period());
    int chunks = (n + CHUNK - 1) / CHUNK;
    @SuppressWarnings("unchecked")
    List<PlannedOrder>[] results = new List[chunks];
    long[][] counts = new long[chunks][];
    @SuppressWarnings("unchecked")
    List<StockLocation>[] unknown = new List[chunks];
    AtomicInteger next = new AtomicInteger();
    AtomicLong done = new AtomicLong();
    Runnable worker =
        () -> {
          int c;
          while ((c = next.getAndIncrement()) < chunks) {
            List<PlannedOrder> list = new ArrayList<>();
            List<StockLocation> noHistory = new ArrayList<>();
            long[] cnt = new long[3];
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
              long before = cnt[1];
              PlannedOrder o = planOne(sales, forecaster, quantiles, stock, i, date, cnt);
              if (o != null) {
                list.add(o);
              }
              if (cnt[1] > before && noHistory.size() < PlanSummary.MAX_NAMED) {
                noHistory.add(new StockLocation(stock.store(i), stock.sku(i)));
              }
            }
            results[c] = list;
            unknown[c] = noHistory;
            counts[c] = cnt;
            progress.planned(done.addAndGet(end - c * CHUNK), n);
          }
        };
    if (executor == null || parallelism == 1 || chunks <= 1) {
      worker.run();
    } else {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < parallelism; t++) {
        futures.add(executor.submit(worker));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(x -> x.cancel(true));
          throw new IllegalStateException("interrupted while planning", e);
        } catch (ExecutionException e) {
          futures.forEach(x -> x.cancel(true));
          if (e.getCause() instanceof RuntimeException) {
            throw (RuntimeException) e.getCause();
          }
          throw new IllegalStateException("planning failed", e.getCause());
        }
      }
    }
    long orders = 0;
    long units = 0;
    long notOrderDay = 0;
    long withoutHistory = 0;
    List<StockLocation> named = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      for (StockLocation l : unknown[c]) {
        if (named.size() < PlanSummary.MAX_NAMED) {
          named.add(l);
        }
      }
      for (PlannedOrder o : results[c]) {
        sink.accept(o);
        orders++;
        units += o.quantity();
      }
      notOrderDay += counts[c][0];
      withoutHistory += counts[c][1];
    }
    return new PlanSummary(n, orders, units, notOrderDay, withoutHistory, named);
  }

  private @Nullable PlannedOrder planOne(
      SalesHistory sales,
      ForecastEngine engine,
      boolean quantiles,
      StockPositions stock,
      int i,
      LocalDate date,
      long[] cnt) {
    ReplenishmentPolicy p = policies.resolve(stock.store(i), stock.sku(i));
    if (!p.orderDays().contains(date.getDayOfWeek())) {
      cnt[0]++;
      return null;
    }
    long position = (long) stock.onHand(i) + stock.onOrder(i);
    int review = p.reviewDays();
    if (p.orderDays().size() < 7) {
      review = Math.max(review, daysToNextOrderDay(date, p));
    }
    int lead = p.leadTimeDays();
    boolean needForecast = p.method() == ReplenishMethod.ROP || p.shelfLifeDays() > 0;
    DemandOverDays f = null;
    int[] recent = null; // the history before the plan date, for lead-time demand quantiles
    int periodDays = 1;
    String periodName = sales.period().id();
    if (needForecast) {
      OptionalInt s = sales.indexOf(stock.store(i), stock.sku(i));
      // Only whole periods before the one holding the plan date are history for it.
      ForecastPeriod period = sales.period();
      int usable =
          (int) Math.min(sales.days(), Math.max(0, period.between(sales.startDate(), date)));
      LocalDate first = sales.periodStart(usable);
      int horizon =
          DemandOverDays.periodsToCover(
              period, first, date.plusDays((long) lead + 2L * review + p.shelfLifeDays() + 1));
      periodDays = (int) ChronoUnit.DAYS.between(first, period.plus(first, 1));
      if (s.isEmpty() || usable == 0) {
        cnt[1]++;
      } else if (usable == sales.days()) {
        f = new DemandOverDays(sales.forecast(engine, s.getAsInt(), horizon), period, first);
        if (quantiles) {
          recent = sales.series(s.getAsInt());
        }
      } else {
        int[] h = java.util.Arrays.copyOf(sales.series(s.getAsInt()), usable);
        f = new DemandOverDays(engine.forecast(h, 0, usable, horizon), period, first);
        recent = quantiles ? h : null;
      }
    }
    long ceiling = p.capacity();
    long sellable = Long.MAX_VALUE;
    if (p.shelfLifeDays() > 0) {
      sellable = f == null ? 0 : (long) Math.ceil(f.sum(date, lead + p.shelfLifeDays()) - 1e-9);
      ceiling = Math.min(ceiling, sellable);
    }
    long target;
    String reason;
    switch (p.method()) {
      case MINMAX -> {
        if (position >= p.min()) {
          return null;
        }
        target = p.max();
        reason =
            "position " + position + " below min " + p.min() + " (order up to max " + p.max() + ")";
      }
      case SS -> {
        if (position > p.min()) {
          return null;
        }
        target = p.max();
        reason =
            "position "
                + position
                + " at or below s "
                + p.min()
                + " (order up to S "
                + p.max()
                + ")";
      }
      case ROP -> {
        int protect = lead + review;
        double demand = f == null ? 0 : f.sum(date, protect);
        double sd = f == null ? 0 : f.errorSd(protect);
        long ltd = Math.round(demand);
        long safety = (long) Math.ceil(OrderRules.normalQuantile(p.serviceLevel()) * sd - 1e-9);
        safety = Math.max(0, safety);
        long rop = ltd + safety;
        String basis = " (lead-time demand " + ltd + " + safety " + safety + ")";
        if (recent != null) {
          int periods = (int) Math.max(1, Math.ceil(protect / (double) periodDays - 1e-9));
          int window = Math.max(LeadTimeDemand.DEFAULT_WINDOW, periods);
          rop =
              LeadTimeDemand.quantile(recent, 0, recent.length, periods, p.serviceLevel(), window);
          basis =
              String.format(
                  Locale.ROOT,
                  " (%s %% quantile of demand over %d %s%s in the last %d)",
                  new java.math.BigDecimal(Double.toString(p.serviceLevel() * 100))
                      .stripTrailingZeros()
                      .toPlainString(),
                  periods,
                  periodName,
                  periods == 1 ? "" : "s",
                  Math.min(window, recent.length));
        }
        if (position >= rop) {
          return null;
        }
        long cycle = f == null ? 0 : Math.round(f.sum(date.plusDays(protect), review));
        target = rop + cycle;
        reason = "below reorder point " + rop + basis;
      }
      default -> throw new AssertionError(p.method());
    }
    long wanted = target - position;
    long qty = OrderRules.quantity(wanted, position, p.packSize(), p.moq(), ceiling);
    if (qty <= 0) {
      return null;
    }
    long uncapped = OrderRules.quantity(wanted, position, p.packSize(), p.moq(), Long.MAX_VALUE);
    if (qty < uncapped) {
      reason +=
          sellable < p.capacity() && ceiling == sellable
              ? "; cut to " + sellable + " that sell within shelf life"
              : "; cut to capacity " + p.capacity();
    }
    return new PlannedOrder(
        stock.store(i),
        stock.sku(i),
        (int) Math.min(Integer.MAX_VALUE, qty),
        p.supplier(),
        date,
        date.plusDays(lead),
        (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, position)),
        reason);
  }

  private static int daysToNextOrderDay(LocalDate date, ReplenishmentPolicy p) {
    DayOfWeek d = date.getDayOfWeek();
    for (int k = 1; k <= 7; k++) {
      if (p.orderDays().contains(d.plus(k))) {
        return k;
      }
    }
    return 7;
  }

  /** Configures a {@link ReplenishmentPlanner}; not thread-safe. */
  public static final class Builder {
    private @Nullable PolicyTable policies;
    private @Nullable ForecastEngine engine;
    private @Nullable Boolean historyQuantiles;

    /**
     * Whether the reorder point of {@code rop} is the service-level quantile of the demand over
     * lead time plus review in the history ({@link LeadTimeDemand}: the sums of that many
     * consecutive periods in the last 24), rather than forecast demand plus a normal safety stock.
     * The quantile keeps its promise on intermittent demand, where the normal approximation does
     * not. Default: on for weekly and monthly sales, off for daily sales (whose rule the
     * command-line contract fixes).
     */
    public Builder historyQuantiles(boolean on) {
      historyQuantiles = on;
      return this;
    }

    private @Nullable ExecutorService executor;
    private int parallelism = 1;

    private Builder() {}

    /** The policies; required. */
    public Builder policies(PolicyTable table) {
      policies = Objects.requireNonNull(table, "table");
      return this;
    }

    /**
     * The forecasting engine (default {@link ForecastEngine#forPeriod} of the sales history's
     * period).
     */
    public Builder forecastEngine(ForecastEngine e) {
      engine = Objects.requireNonNull(e, "engine");
      return this;
    }

    /**
     * Plans on {@code parallelism} tasks of an executor the caller owns (and shuts down).
     *
     * @throws IllegalArgumentException if parallelism is below 1
     */
    public Builder executor(ExecutorService e, int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
      }
      this.executor = Objects.requireNonNull(e, "executor");
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Builds the planner.
     *
     * @throws IllegalStateException if no policies were given
     */
    public ReplenishmentPlanner build() {
      if (policies == null) {
        throw new IllegalStateException("policies are required");
      }
      return new ReplenishmentPlanner(this);
    }
  }
}
