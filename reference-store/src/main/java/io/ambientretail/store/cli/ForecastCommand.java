package io.ambientretail.store.cli;

import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.forecast.ForecastEngine;
import io.ambientretail.inventory.forecast.ForecastErrors;
import io.ambientretail.inventory.forecast.ForecastMethod;
import io.ambientretail.inventory.forecast.ForecastMetric;
import io.ambientretail.inventory.forecast.ForecastPeriod;
import io.ambientretail.inventory.forecast.SalesCsv;
import io.ambientretail.inventory.forecast.SalesHistory;
import io.ambientretail.inventory.forecast.SeriesForecast;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ambient forecast}: backtest and forecast demand. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = "Backtest forecasting methods and forecast demand.",
    subcommands = {ForecastCommand.Eval.class, ForecastCommand.Predict.class})
final class ForecastCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  static void checkHorizon(CommandSpec spec, int horizon, ForecastPeriod period) {
    if (horizon < 1 || horizon > 366) {
      throw new ParameterException(
          spec.commandLine(), "--horizon must be 1..366 " + period.id() + "s, was " + horizon);
    }
  }

  /** The period an option names. */
  static ForecastPeriod period(CommandSpec spec, String id) {
    try {
      return ForecastPeriod.ofId(id);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--period must be day, week or month, was '" + id + "'");
    }
  }

  /** The metric an option names. */
  static ForecastMetric metric(CommandSpec spec, String id) {
    try {
      return ForecastMetric.ofId(id);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--metric must be rmsse, mase or wape, was '" + id + "'");
    }
  }

  /** The engine for a period that chooses by a metric. */
  static ForecastEngine engine(ForecastPeriod period, ForecastMetric metric) {
    return ForecastEngine.builder().period(period).metric(metric).build();
  }

  static final String METRIC_HELP =
      "rmsse, mase or wape: the error the per-series choice of method minimises in its"
          + " backtest (absolute errors favour median-like forecasts, squared ones mean-like). Default: ${DEFAULT-VALUE}.";

  static final String PERIOD_HELP =
      "day, week or month: the sales CSV's first column is then date (YYYY-MM-DD),"
          + " week (YYYY-Www, ISO weeks) or month (YYYY-MM), and --horizon counts those periods. Default: ${DEFAULT-VALUE}.";

  /** Evaluations of at least this many series show a progress bar on stderr. */
  static final int PROGRESS_FROM = 100;

  /** {@code ambient forecast eval}. */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description = {
        "Backtest every method on a sales history: each is fitted on all but the last "
            + "H days of every series and scored on those days. Prints one line per method "
            + "(mase, wape, rmsse, seconds, msPerSeries; 'auto' is the per-series choice by --metric"
            + " made without seeing the "
            + "scored days, 'mean28' the baseline), then one line per series with the method "
            + "'forecast predict' would use."
      },
      footer = {"", "Example:", "  ambient forecast eval --sales sales.csv --horizon 14"})
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--sales",
        required = true,
        description = "Sales CSV: date,store,sku,quantity (week or month for --period).")
    Path sales;

    @Option(
        names = "--horizon",
        required = true,
        description = "Periods (days unless --period says otherwise) to forecast.")
    int horizon;

    @Option(names = "--period", defaultValue = "day", description = PERIOD_HELP)
    String periodId;

    @Option(names = "--metric", defaultValue = "rmsse", description = METRIC_HELP)
    String metricId;

    @Override
    public Integer call() throws IOException {
      ForecastPeriod period = period(spec, periodId);
      ForecastMetric metric = metric(spec, metricId);
      checkHorizon(spec, horizon, period);
      PlanningInputFiles.requireReadable(spec, "--sales", sales);
      SalesHistory h = SalesCsv.read(sales, period, InputLimits.defaults());
      if (h.days() <= horizon + 14) {
        throw new IllegalArgumentException(
            sales.getFileName()
                + ": "
                + h.days()
                + " "
                + period.id()
                + "s of history are too few to backtest "
                + horizon
                + " "
                + period.id()
                + "s (need more than "
                + (horizon + 14)
                + ")");
      }
      ForecastEngine engine = engine(period, metric);
      Set<ForecastMethod> methods = EnumSet.allOf(ForecastMethod.class);
      Map<ForecastMethod, Acc> acc = new EnumMap<>(ForecastMethod.class);
      methods.forEach(m -> acc.put(m, new Acc()));
      Acc auto = new Acc();
      ForecastMethod[] chosen = new ForecastMethod[h.seriesCount()];
      ForecastErrors[] chosenErr = new ForecastErrors[h.seriesCount()];
      ReplenishCommand.ProgressBar bar =
          h.seriesCount() >= PROGRESS_FROM
              ? new ReplenishCommand.ProgressBar(spec.commandLine().getErr(), "evaluating")
              : null;
      long started = System.nanoTime();
      for (int i = 0; i < h.seriesCount(); i++) {
        if (bar != null) {
          bar.planned(i, h.seriesCount());
        }
        for (ForecastMethod m : methods) {
          long t0 = System.nanoTime();
          ForecastErrors e = h.backtest(engine, i, horizon, EnumSet.of(m)).get(m);
          acc.get(m).add(e, System.nanoTime() - t0);
        }
        long t0 = System.nanoTime();
        ForecastMethod early = h.select(engine, i, h.days() - horizon, horizon);
        ForecastErrors e = h.backtest(engine, i, horizon, EnumSet.of(early)).get(early);
        auto.add(e, System.nanoTime() - t0);
        chosen[i] = h.select(engine, i, h.days(), horizon);
        chosenErr[i] = h.backtest(engine, i, horizon, EnumSet.of(chosen[i])).get(chosen[i]);
      }
      if (bar != null) {
        bar.planned(h.seriesCount(), h.seriesCount());
        bar.finish();
      }
      JsonLines json = new JsonLines(spec.commandLine().getOut());
      for (ForecastMethod m : methods) {
        acc.get(m).print(json, m.id());
      }
      auto.print(json, "auto");
      for (int i = 0; i < h.seriesCount(); i++) {
        json.line()
            .put("store", h.store(i).value())
            .put("sku", h.sku(i).value())
            .put("method", chosen[i].id())
            .put("mase", JsonLines.round(chosenErr[i].mase(), 4))
            .put("rmsse", JsonLines.round(chosenErr[i].rmsse(), 4))
            .print();
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "ambient: backtested "
              + h.seriesCount()
              + " series over the last "
              + horizon
              + " of "
              + h.days()
              + " "
              + period.id()
              + String.format(
                  Locale.ROOT,
                  "s in %.1f s; auto chose by %s",
                  (System.nanoTime() - started) / 1e9,
                  engine.metric().id()));
      return ExitCode.OK;
    }
  }

  /** Sums of one method's backtest errors over all series. */
  private static final class Acc {
    double mase;
    double rmsse;
    int scaled;
    double absError;
    double actual;
    long nanos;
    int series;

    void add(ForecastErrors e, long ns) {
      series++;
      if (e.scaled()) {
        mase += e.mase();
        rmsse += e.rmsse();
        scaled++;
      }
      absError += e.absoluteError();
      actual += e.actualUnits();
      nanos += ns;
    }

    void print(JsonLines json, String method) {
      json.line()
          .put("method", method)
          .put("mase", scaled == 0 ? null : JsonLines.round(mase / scaled, 4))
          .put("wape", actual == 0 ? null : JsonLines.round(absError / actual, 4))
          .put("rmsse", scaled == 0 ? null : JsonLines.round(rmsse / scaled, 4))
          .put("seconds", JsonLines.round(nanos / 1e9, 3))
          .put("msPerSeries", series == 0 ? null : JsonLines.round(nanos / 1e6 / series, 4))
          .print();
    }
  }

  /** {@code ambient forecast predict}. */
  @Command(
      name = "predict",
      mixinStandardHelpOptions = true,
      description =
          "Forecast the next H days of every series, with the method chosen per series "
              + "by backtest; one line per series and day.",
      footer = {"", "Example:", "  ambient forecast predict --sales sales.csv --horizon 7"})
  static final class Predict implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--sales",
        required = true,
        description = "Sales CSV: date,store,sku,quantity (week or month for --period).")
    Path sales;

    @Option(
        names = "--horizon",
        required = true,
        description = "Periods (days unless --period says otherwise) to forecast.")
    int horizon;

    @Option(names = "--period", defaultValue = "day", description = PERIOD_HELP)
    String periodId;

    @Option(names = "--metric", defaultValue = "rmsse", description = METRIC_HELP)
    String metricId;

    @Override
    public Integer call() throws IOException {
      ForecastPeriod period = period(spec, periodId);
      ForecastMetric metric = metric(spec, metricId);
      checkHorizon(spec, horizon, period);
      PlanningInputFiles.requireReadable(spec, "--sales", sales);
      SalesHistory h = SalesCsv.read(sales, period, InputLimits.defaults());
      ForecastEngine engine = engine(period, metric);
      JsonLines json = new JsonLines(spec.commandLine().getOut());
      for (int i = 0; i < h.seriesCount(); i++) {
        SeriesForecast f = h.forecast(engine, i, horizon);
        for (int d = 0; d < horizon; d++) {
          json.line()
              .put("store", h.store(i).value())
              .put("sku", h.sku(i).value())
              .put(period.column(), period.format(h.periodStart((long) h.days() + d)))
              .put("forecast", JsonLines.round(f.day(d), 3))
              .put("method", f.method().id())
              .print();
        }
      }
      return ExitCode.OK;
    }
  }
}
