package io.ambientretail.benchmarks.planning;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.forecast.ForecastEngine;
import io.ambientretail.inventory.forecast.ForecastMethod;
import io.ambientretail.inventory.forecast.SalesHistory;
import io.ambientretail.inventory.replenish.PlanSummary;
import io.ambientretail.inventory.replenish.PolicySettings;
import io.ambientretail.inventory.replenish.PolicyTable;
import io.ambientretail.inventory.replenish.ReplenishMethod;
import io.ambientretail.inventory.replenish.ReplenishmentPlanner;
import io.ambientretail.inventory.replenish.StockPositions;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plans replenishment for growing numbers of store-SKU locations (500 SKUs per store, 365 days of
 * daily history) and prints how the time grows, beside the baseline of a 28-day-mean forecast in
 * the same run. The goal: one million locations (2,000 stores) in under 30 s on 2 cores
 * with under 4 GiB of heap.
 *
 * <p>Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar
 * io.ambientretail.benchmarks.planning.PlanningScaleBenchmark [stores...]} (default 20 200 2000).
 */
public final class PlanningScaleBenchmark {
  static final int SKUS = 500;
  static final int DAYS = 365;

  private PlanningScaleBenchmark() {}

  /** Runs the benchmark for each number of stores given (default 20, 200, 2000). */
  public static void main(String[] args) throws Exception {
    int[] storeCounts =
        args.length == 0
            ? new int[] {20, 200, 2000}
            : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    int threads = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "cores=%d maxHeap=%.1f GiB%n",
        threads,
        Runtime.getRuntime().maxMemory() / (double) (1L << 30));
    System.out.printf(
        Locale.ROOT,
        "load average at start: %.1f%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(
        "locations  generate_s  plan_s  plan_cpu_s  us_per_location"
            + "  baseline_mean28_s  baseline_cpu_s  orders  heap_used_GiB");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int stores : storeCounts) {
        runOne(stores, pool, threads);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void runOne(int storeCount, ExecutorService pool, int threads) {
    long t0 = System.nanoTime();
    int n = storeCount * SKUS;
    StoreId[] stores = new StoreId[n];
    SkuId[] skus = new SkuId[n];
    int[] data = new int[n * DAYS];
    StockPositions.Builder stock = StockPositions.builder();
    SkuId[] skuIds = new SkuId[SKUS];
    for (int k = 0; k < SKUS; k++) {
      skuIds[k] = SkuId.of(String.format(Locale.ROOT, "SKU%04d", k));
    }
    int[] level = new int[n];
    java.util.stream.IntStream.range(0, storeCount)
        .parallel()
        .forEach(
            s -> {
              StoreId store = StoreId.of(String.format(Locale.ROOT, "S%05d", s));
              SplittableRandom r = new SplittableRandom(42L * 1_000_003L + s);
              for (int k = 0; k < SKUS; k++) {
                int i = s * SKUS + k;
                stores[i] = store;
                skus[i] = skuIds[k];
                level[i] = (int) (fill(data, i * DAYS, r, k) * r.nextInt(1, 6));
              }
            });
    for (int i = 0; i < n; i++) {
      stock.add(stores[i], skus[i], level[i], 0);
    }
    SalesHistory history =
        SalesHistory.ofDense(LocalDate.of(2025, 11, 27), DAYS, stores, skus, data);
    StockPositions positions = stock.build();
    double genSeconds = (System.nanoTime() - t0) / 1e9;
    PolicyTable.Builder policies =
        PolicyTable.builder()
            .defaults(
                PolicySettings.builder()
                    .method(ReplenishMethod.ROP)
                    .serviceLevel(0.95)
                    .leadTimeDays(2)
                    .reviewDays(1)
                    .packSize(6)
                    .moq(6)
                    .build());
    for (int k = 0; k < SKUS; k += 10) {
      policies.sku(
          skuIds[k],
          PolicySettings.builder()
              .method(ReplenishMethod.MINMAX)
              .min(4)
              .max(24)
              .packSize(4)
              .build());
    }
    PolicyTable table = policies.build();
    LocalDate date = history.endDate().plusDays(1);

    ReplenishmentPlanner baseline =
        ReplenishmentPlanner.builder()
            .policies(table)
            .forecastEngine(
                ForecastEngine.builder().candidates(EnumSet.of(ForecastMethod.MEAN_28)).build())
            .executor(pool, threads)
            .build();
    System.gc();
    long b0 = System.nanoTime();
    long bc0 = cpuNanos();
    baseline.plan(history, positions, date, o -> {}, (d, t) -> {});
    double baseSeconds = (System.nanoTime() - b0) / 1e9;
    double baseCpu = (cpuNanos() - bc0) / 1e9;

    ReplenishmentPlanner planner =
        ReplenishmentPlanner.builder().policies(table).executor(pool, threads).build();
    long p0 = System.nanoTime();
    long pc0 = cpuNanos();
    PlanSummary summary = planner.plan(history, positions, date, o -> {}, (d, t) -> {});
    double planSeconds = (System.nanoTime() - p0) / 1e9;
    double planCpu = (cpuNanos() - pc0) / 1e9;
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "%9d  %10.1f  %6.2f  %10.2f  %15.1f  %17.2f  %14.2f  %6d  %13.2f%n",
        n,
        genSeconds,
        planSeconds,
        planCpu,
        planSeconds * 1e6 / n,
        baseSeconds,
        baseCpu,
        summary.orders(),
        (rt.totalMemory() - rt.freeMemory()) / (double) (1L << 30));
  }

  /** CPU time of the whole process (all threads, including GC), in nanoseconds. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Fills one series: weekly-seasonal, trending, intermittent or dying by SKU number, Poisson
   * sales. Returns the series' typical daily level.
   */
  private static double fill(int[] data, int off, SplittableRandom r, int sku) {
    int kind = sku % 4;
    double level = kind == 2 ? 0.3 + r.nextDouble() : 1 + r.nextDouble() * 10;
    double amp = 0.4 * r.nextDouble();
    for (int t = 0; t < DAYS; t++) {
      double rate =
          switch (kind) {
            case 0 -> level * (1 + amp * Math.sin(2 * Math.PI * t / 7));
            case 1 -> level * (0.5 + t / (double) DAYS);
            case 2 -> level;
            default -> t < 250 ? level : level * Math.pow(0.5, (t - 250) / 40.0);
          };
      data[off + t] = poisson(r, rate);
    }
    return level;
  }

  private static int poisson(SplittableRandom r, double mean) {
    double limit = Math.exp(-mean);
    double p = r.nextDouble();
    int k = 0;
    while (p > limit) {
      k++;
      p *= r.nextDouble();
    }
    return k;
  }
}
