package io.ambientretail.benchmarks.planning;

import io.ambientretail.inventory.forecast.ForecastEngine;
import io.ambientretail.inventory.forecast.ForecastMethod;
import io.ambientretail.inventory.forecast.SeriesForecast;
import io.ambientretail.testing.demand.DemandGenerator;
import io.ambientretail.testing.demand.GeneratedSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the accuracy test's demand mix (same generator, seed and size as ForecastAccuracyTest)
 * with our chosen forecasts, the 28-day mean and the true expected demand, so that
 * benchmarks/scripts/compare_statsmodels.py can score a peer (statsmodels' ExponentialSmoothing) on
 * exactly the same series with the same RMSSE.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.ambientretail.benchmarks.planning.ForecastAccuracyExport OUT.csv [perProcess] [seed]}
 */
public final class ForecastAccuracyExport {
  private ForecastAccuracyExport() {}

  /** Writes one row per series and day: history rows, then horizon rows with the forecasts. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "forecast-mix.csv");
    int perProcess = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261127L;
    int horizon = 28;
    List<GeneratedSeries> mix =
        DemandGenerator.builder().horizonDays(horizon).build().generateMix(perProcess, seed);
    ForecastEngine engine = ForecastEngine.defaults();
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      w.println("series,process,day,actual,expected,ours,ours_method,mean28");
      for (int s = 0; s < mix.size(); s++) {
        GeneratedSeries g = mix.get(s);
        int[] h = g.history();
        for (int t = 0; t < h.length; t++) {
          w.printf(Locale.ROOT, "%d,%s,%d,%d,,,,%n", s, g.process(), t, h[t]);
        }
        SeriesForecast ours = engine.forecast(h, 0, h.length, horizon);
        SeriesForecast mean = engine.forecast(ForecastMethod.MEAN_28, h, 0, h.length, horizon);
        int[] f = g.future();
        double[] e = g.expectedFuture();
        for (int k = 0; k < horizon; k++) {
          w.printf(
              Locale.ROOT,
              "%d,%s,%d,%d,%.6f,%.6f,%s,%.6f%n",
              s,
              g.process(),
              h.length + k,
              f[k],
              e[k],
              ours.day(k),
              ours.method().id(),
              mean.day(k));
        }
      }
    }
    System.out.println("wrote " + mix.size() + " series to " + out);
  }
}
