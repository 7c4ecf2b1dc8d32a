package io.ambientretail.store.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ambient forecast}: backtest and forecast demand. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = "Backtest forecasting methods and forecast demand.",
    subcommands = {ForecastCommand.Eval.class, ForecastCommand.Predict.class})
final class ForecastCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient forecast eval}. */
  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = "Backtest every method on a sales history.",
      footer = {"", "Example:", "  ambient forecast eval --sales sales.csv --horizon 14"})
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--sales", required = true, description = "Sales CSV: date,store,sku,quantity.")
    Path sales;

    @Option(names = "--horizon", required = true, description = "Days to forecast.")
    int horizon;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "forecast eval", "sdk-inventory");
    }
  }

  /** {@code ambient forecast predict}. */
  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = "Forecast the next H days of every series.",
      footer = {"", "Example:", "  ambient forecast predict --sales sales.csv --horizon 7"})
  static final class Predict implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--sales", required = true, description = "Sales CSV: date,store,sku,quantity.")
    Path sales;

    @Option(names = "--horizon", required = true, description = "Days to forecast.")
    int horizon;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "forecast predict", "sdk-inventory");
    }
  }
}
