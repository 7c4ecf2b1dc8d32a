package io.ambientretail.benchmarks.planning;

import io.ambientretail.inventory.forecast.ForecastEngine;
import io.ambientretail.inventory.forecast.ForecastErrors;
import io.ambientretail.inventory.forecast.ForecastMethod;
import io.ambientretail.inventory.forecast.ForecastMetric;
import io.ambientretail.inventory.forecast.ForecastPeriod;
import io.ambientretail.inventory.forecast.SeriesForecast;
import io.ambientretail.inventory.replenish.LeadTimeDemand;
import io.ambientretail.inventory.replenish.ReplenishmentBacktest;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores our forecasting methods and our automatic choice on the carparts data (monthly sales of
 * 2,674 car parts over 51 months; the complete series only) by the usual protocol: forecast the 6
 * months after an origin from the months before it, MASE and RMSSE scaled by the in-sample naive
 * errors, averaged over series. Prints one line per method with its time per series.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.ambientretail.benchmarks.planning.CarpartsBenchmark CARPARTS.csv [origin] [horizon]
 * [--policy]}; the origin is the number of training months (45: forecast months 46-51), and {@code
 * --policy} adds the replenishment backtest.
 */
public final class CarpartsBenchmark {
  private CarpartsBenchmark() {}

  /** Reads the corpus file ({@code series,month,quantity}) and prints the scores. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "carparts.csv");
    int origin = args.length > 1 ? Integer.parseInt(args[1]) : 45;
    int horizon = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    List<int[]> series = readComplete(file, origin + horizon);
    System.out.printf(
        Locale.ROOT,
        "carparts: %d complete series, training months 1-%d, forecast %d-%d%n",
        series.size(),
        origin,
        origin + 1,
        origin + horizon);
    Map<String, Score> scores = new LinkedHashMap<>();
    ForecastEngine base = ForecastEngine.forPeriod(ForecastPeriod.MONTH);
    for (ForecastMethod m : EnumSet.allOf(ForecastMethod.class)) {
      Score sc = new Score();
      for (int[] y : series) {
        long t0 = System.nanoTime();
        SeriesForecast f = base.forecast(m, y, 0, origin, horizon);
        sc.add(y, origin, f.daily(), System.nanoTime() - t0);
      }
      scores.put(m.id(), sc);
    }
    for (ForecastMetric metric : ForecastMetric.values()) {
      if (metric == ForecastMetric.WAPE) {
        continue;
      }
      ForecastEngine e =
          ForecastEngine.builder().period(ForecastPeriod.MONTH).metric(metric).build();
      Score sc = new Score();
      Map<String, Integer> chosen = new LinkedHashMap<>();
      for (int[] y : series) {
        long t0 = System.nanoTime();
        SeriesForecast f = e.forecast(y, 0, origin, horizon);
        sc.add(y, origin, f.daily(), System.nanoTime() - t0);
        chosen.merge(f.method().id(), 1, Integer::sum);
      }
      scores.put("auto-" + metric.id(), sc);
      System.out.println("auto-" + metric.id() + " chose " + chosen);
    }
    if (args.length > 3 && args[3].equals("--policy")) {
      policyBacktest(readComplete(file, 51), 27);
    }
    System.out.println("method          MASE    RMSSE   ms/series");
    for (Map.Entry<String, Score> s : scores.entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "%-14s %7.4f %7.4f %8.3f%n",
          s.getKey(),
          s.getValue().mase / s.getValue().n,
          s.getValue().rmsse / s.getValue().n,
          s.getValue().nanos / 1e6 / s.getValue().all);
    }
  }

  /**
   * Replays two policies over months {@code from+1} to 51 of every series, reviewed monthly with a
   * lead time of one month, and prints cycle service, fill rate and average stock: an order-up-to
   * level at the 95 % quantile of the demand over lead time plus review ({@link LeadTimeDemand},
   * from the last 24 months), and a min/max policy (min the normal-approximation 95 % reorder point
   * over the same months, max min plus three months of mean demand).
   */
  static void policyBacktest(List<int[]> series, int from) {
    int lead = 1;
    int protect = lead + 1;
    double p = 0.95;
    int window = LeadTimeDemand.DEFAULT_WINDOW;
    ReplenishmentBacktest.Result quant = new ReplenishmentBacktest.Result(0, 0, 0, 0, 0);
    ReplenishmentBacktest.Result minMax = quant;
    ReplenishmentBacktest.Level min = (h, o, n) -> normalReorderPoint(h, o, n, protect, window);
    ReplenishmentBacktest.Level max =
        (h, o, n) ->
            min.at(h, o, n) + (long) Math.ceil(3 * mean(h, o + Math.max(0, n - window), o + n));
    for (int[] y : series) {
      quant =
          quant.plus(
              ReplenishmentBacktest.replay(
                  y,
                  0,
                  from,
                  y.length,
                  lead,
                  (h, o, n) -> LeadTimeDemand.quantile(h, o, n, protect, p, window)));
      minMax = minMax.plus(ReplenishmentBacktest.replay(y, 0, from, y.length, lead, min, max));
    }
    System.out.printf(
        Locale.ROOT,
        "policy backtest, months %d-%d, lead 1 month, monthly review, target 95 %% cycle service:%n",
        from + 1,
        series.get(0).length);
    Map<String, ReplenishmentBacktest.Result> results = new LinkedHashMap<>();
    results.put("quantile", quant);
    results.put("min/max", minMax);
    for (Map.Entry<String, ReplenishmentBacktest.Result> e : results.entrySet()) {
      ReplenishmentBacktest.Result r = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "  %-9s cycle service %.2f %%, fill rate %.2f %%, average stock %.3f units, %d stock-outs"
              + " in %d cycles%n",
          e.getKey(),
          100 * r.cycleServiceLevel(),
          100 * r.fillRate(),
          r.averageStock(),
          r.stockoutCycles(),
          r.cycles());
    }
  }

  private static long normalReorderPoint(int[] h, int o, int n, int protect, int window) {
    int start = Math.max(0, n - window);
    double s = 0;
    double ss = 0;
    int c = 0;
    for (int t = start; t + protect <= n; t++) {
      double v = 0;
      for (int j = 0; j < protect; j++) {
        v += h[o + t + j];
      }
      s += v;
      ss += v * v;
      c++;
    }
    if (c == 0) {
      return 0;
    }
    double m = s / c;
    double sd = Math.sqrt(Math.max(0, ss / c - m * m));
    return (long) Math.ceil(m + 1.6448536 * sd - 1e-9);
  }

  private static double mean(int[] h, int from, int to) {
    double s = 0;
    for (int t = from; t < to; t++) {
      s += h[t];
    }
    return to > from ? s / (to - from) : 0;
  }

  /** The series with every one of the first {@code months} months present. */
  public static List<int[]> readComplete(Path file, int months) throws IOException {
    Map<String, int[]> byId = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",");
        if (f.length < 3 || f[2].isBlank() || f[2].equals("NA")) {
          continue;
        }
        int month = monthIndex(f[1]) - monthIndex("1998-01");
        if (month < 0 || month >= months) {
          continue;
        }
        byId.computeIfAbsent(f[0], k -> new int[months])[month] = Integer.parseInt(f[2].trim());
        count.merge(f[0], 1, Integer::sum);
      }
    }
    List<int[]> out = new ArrayList<>();
    for (Map.Entry<String, int[]> e : byId.entrySet()) {
      if (count.get(e.getKey()) == months) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  private static int monthIndex(String yyyyMm) {
    return Integer.parseInt(yyyyMm.substring(0, 4)) * 12 + Integer.parseInt(yyyyMm.substring(5, 7));
  }

  /** Sums of per-series scaled errors. */
  static final class Score {
    double mase;
    double rmsse;
    int n;
    int all;
    long nanos;

    void add(int[] y, int origin, double[] f, long ns) {
      double[] actual = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        actual[i] = y[origin + i];
      }
      ForecastErrors e = ForecastErrors.measure(y, 0, origin, f, actual);
      all++;
      nanos += ns;
      if (e.scaled()) {
        mase += e.mase();
        rmsse += e.rmsse();
        n++;
      }
    }
  }
}
