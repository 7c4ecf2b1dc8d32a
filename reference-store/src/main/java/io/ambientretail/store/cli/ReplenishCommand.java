package io.ambientretail.store.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ambient replenish}: plan orders and transfers. */
@Command(name = "replenish", mixinStandardHelpOptions = true,
    description = "Plan orders and transfers from sales, stock and policies.",
    subcommands = {ReplenishCommand.Plan.class})
final class ReplenishCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient replenish plan}. */
  @Command(name = "plan", mixinStandardHelpOptions = true,
      description = "Print the orders and transfers to place on a date, one JSON line each.",
      footer = {"", "Example:",
          "  ambient replenish plan --sales sales.csv --stock stock.csv --policy policy.yaml"})
  static final class Plan implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--sales", required = true, description = "Sales CSV: date,store,sku,quantity.")
    Path sales;

    @Option(names = "--stock", required = true, description = "Stock CSV: store,sku,on_hand,on_order.")
    Path stock;

    @Option(names = "--policy", required = true, description = "Policy YAML.")
    Path policy;

    @Option(names = "--date", description = "Plan date (default: the day after the last sale).")
    String date;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "replenish plan", "sdk-inventory");
    }
  }
}
