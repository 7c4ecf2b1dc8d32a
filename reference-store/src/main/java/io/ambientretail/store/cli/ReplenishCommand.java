package io.ambientretail.store.cli;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.forecast.ForecastEngine;
import io.ambientretail.inventory.forecast.ForecastPeriod;
import io.ambientretail.inventory.forecast.SalesCsv;
import io.ambientretail.inventory.forecast.SalesHistory;
import io.ambientretail.inventory.replenish.DcStock;
import io.ambientretail.inventory.replenish.DcStockCsv;
import io.ambientretail.inventory.replenish.PlanProgress;
import io.ambientretail.inventory.replenish.PlanSummary;
import io.ambientretail.inventory.replenish.PlannedOrder;
import io.ambientretail.inventory.replenish.PlannedTransfer;
import io.ambientretail.inventory.replenish.PolicyTable;
import io.ambientretail.inventory.replenish.ReplenishmentPlanner;
import io.ambientretail.inventory.replenish.ScarceStockBalancer;
import io.ambientretail.inventory.replenish.StockCsv;
import io.ambientretail.inventory.replenish.StockPositions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ambient replenish}: plan orders and transfers. */
@Command(
    name = "replenish",
    mixinStandardHelpOptions = true,
    description = "Plan orders and transfers from sales, stock and policies.",
    subcommands = {ReplenishCommand.Plan.class})
final class ReplenishCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient replenish plan}. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Print the orders to place on a date, one JSON line each. Policies: "
            + "minmax (below min, order up to max), ss (at or below s=min, up to S=max), rop "
            + "(below lead-time + review demand + safety stock, order up to that + one review of "
            + "demand); packs, moq, capacity and shelf life apply to all. With --dc-stock, orders "
            + "of a SKU the DC cannot fully ship are cut to a fair share; with --transfers too, "
            + "stores left short take units from stores with surplus (type transfer lines). See "
            + "docs/replenishment.md."
      },
      footer = {
        "",
        "Example:",
        "  ambient replenish plan --sales sales.csv --stock stock.csv \\",
        "      --policy policy.yaml",
        "  ambient replenish plan --sales sales.csv --stock stock.csv \\",
        "      --policy policy.yaml --date 2026-12-01",
        "  ambient replenish plan --sales sales.csv --stock stock.csv \\",
        "      --policy policy.yaml --dc-stock dc.csv --transfers"
      })
  static final class Plan implements Callable<Integer> {
    /** Plans with at least this many locations show a progress bar. */
    static final int PROGRESS_FROM = 2000;

    @Spec CommandSpec spec;

    @Option(
        names = "--sales",
        required = true,
        description = "Sales CSV: date,store,sku,quantity (week or month for --period).")
    Path sales;

    @Option(
        names = "--stock",
        required = true,
        description = "Stock CSV: store,sku,on_hand,on_order.")
    Path stock;

    @Option(names = "--policy", required = true, description = "Policy YAML.")
    Path policy;

    @Option(names = "--date", description = "Plan date (default: the day after the last sale).")
    String date;

    @Option(
        names = "--period",
        defaultValue = "day",
        description =
            "day, week or month: the grain of the sales CSV, whose first column is then"
                + " date, week (YYYY-Www) or month (YYYY-MM). Lead times, review periods and shelf"
                + " lives stay in days. Default: ${DEFAULT-VALUE}.")
    String periodId;

    @Option(
        names = "--dc-stock",
        description =
            "Optional DC stock CSV: sku,available. Orders of a "
                + "SKU beyond what the DC holds are shared out by days of cover.")
    Path dcStock;

    @Option(
        names = "--transfers",
        description =
            "With --dc-stock: cover what the DC cannot ship "
                + "by transfers from stores with surplus.")
    boolean transfers;

    @Override
    public Integer call() throws IOException {
      LocalDate on = null;
      if (date != null) {
        try {
          on = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
          throw new ParameterException(
              spec.commandLine(), "--date must be an ISO date (YYYY-MM-DD), was '" + date + "'");
        }
      }
      if (transfers && dcStock == null) {
        throw new ParameterException(spec.commandLine(), "--transfers needs --dc-stock");
      }
      PlanningInputFiles.requireReadable(spec, "--policy", policy);
      PlanningInputFiles.requireReadable(spec, "--sales", sales);
      PlanningInputFiles.requireReadable(spec, "--stock", stock);
      if (dcStock != null) {
        PlanningInputFiles.requireReadable(spec, "--dc-stock", dcStock);
      }
      ForecastPeriod period = ForecastCommand.period(spec, periodId);
      InputLimits limits = InputLimits.defaults();
      PolicyTable policies = PolicyYaml.read(policy, limits);
      SalesHistory h = SalesCsv.read(sales, period, limits);
      StockPositions positions = StockCsv.read(stock, limits);
      DcStock dc = dcStock == null ? null : DcStockCsv.read(dcStock, limits);
      LocalDate planDate = on != null ? on : h.endDate().plusDays(1);
      long ahead = ChronoUnit.DAYS.between(h.endDate(), planDate);
      if (ahead > ReplenishmentPlanner.MAX_DAYS_AHEAD) {
        throw new ParameterException(
            spec.commandLine(),
            "--date "
                + date
                + " is "
                + ahead
                + " days after the last sales date "
                + h.endDate()
                + " in "
                + sales.getFileName()
                + "; it may be at most "
                + ReplenishmentPlanner.MAX_DAYS_AHEAD
                + " days after it");
      }
      PrintWriter err = spec.commandLine().getErr();
      JsonLines json = new JsonLines(spec.commandLine().getOut());
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      ExecutorService pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "ambient-plan");
                t.setDaemon(true);
                return t;
              });
      long t0 = System.nanoTime();
      try {
        ReplenishmentPlanner planner =
            ReplenishmentPlanner.builder().policies(policies).executor(pool, threads).build();
        ProgressBar bar = positions.size() >= PROGRESS_FROM ? new ProgressBar(err) : null;
        List<PlannedOrder> held = Collections.synchronizedList(new ArrayList<>());
        PlanSummary s =
            planner.plan(
                h,
                positions,
                planDate,
                o -> {
                  if (dc == null) {
                    printOrder(json, o);
                  } else {
                    held.add(o);
                  }
                },
                bar == null ? PlanProgress.NONE : bar);
        if (bar != null) {
          bar.finish();
        }
        if (dc != null) {
          balanceAndPrint(held, h, positions, policies, dc, json, err);
        }
        err.println(
            String.format(
                Locale.ROOT,
                "ambient: planned %d locations for %s: %d orders, %d units in %.1f s%s%s",
                s.locations(),
                planDate,
                s.orders(),
                s.units(),
                (System.nanoTime() - t0) / 1e9,
                s.notOrderDay() > 0 ? "; " + s.notOrderDay() + " not on an order day" : "",
                s.withoutHistory() > 0
                    ? "; " + s.withoutHistory() + " without sales history"
                    : ""));
        if (s.withoutHistory() > 0) {
          err.println(withoutHistoryNote(s));
        }
      } finally {
        pool.shutdownNow();
      }
      return ExitCode.OK;
    }

    /** Names the locations without sales history and what that did to their orders. */
    static String withoutHistoryNote(PlanSummary s) {
      StringBuilder sb = new StringBuilder("ambient: no sales history before the plan date for ");
      sb.append(s.withoutHistory() == 1 ? "1 location (" : s.withoutHistory() + " locations (");
      for (int i = 0; i < s.firstWithoutHistory().size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(s.firstWithoutHistory().get(i));
      }
      long more = s.withoutHistory() - s.firstWithoutHistory().size();
      if (more > 0) {
        sb.append(" and ").append(more).append(" more");
      }
      return sb.append(
              "): forecast as selling nothing, so rop orders for them only when stock is below"
                  + " 0 and shelf-life limits allow nothing; give them sales history or a minmax"
                  + " policy")
          .toString();
    }

    private static void printOrder(JsonLines json, PlannedOrder o) {
      JsonLines.Line line =
          json.line()
              .put("type", "order")
              .put("store", o.store().value())
              .put("sku", o.sku().value())
              .put("qty", o.quantity());
      if (o.supplier() != null) {
        line.put("supplier", o.supplier());
      }
      line.put("arrives", o.arrives().toString()).put("reason", o.reason()).print();
    }

    /** Fits the held orders to the DC's stock, then prints orders and transfers. */
    private void balanceAndPrint(
        List<PlannedOrder> held,
        SalesHistory h,
        StockPositions positions,
        PolicyTable policies,
        DcStock dc,
        JsonLines json,
        PrintWriter err) {
      List<PlannedOrder> orders = new ArrayList<>(held);
      // The planner calls back from several threads: print in a stable order.
      orders.sort(
          (a, b) -> {
            int c = a.store().value().compareTo(b.store().value());
            return c != 0 ? c : a.sku().value().compareTo(b.sku().value());
          });
      ForecastEngine engine = ForecastEngine.forPeriod(h.period());
      ScarceStockBalancer.Result r =
          ScarceStockBalancer.balance(
              orders,
              positions,
              dc,
              policies,
              (StoreId store, SkuId sku) -> dailyDemand(h, engine, store, sku),
              transfers);
      for (PlannedOrder o : r.orders()) {
        printOrder(json, o);
      }
      for (PlannedTransfer t : r.transfers()) {
        json.line()
            .put("type", "transfer")
            .put("store", t.to().value())
            .put("from", t.from().value())
            .put("sku", t.sku().value())
            .put("qty", t.quantity())
            .put("reason", t.reason())
            .print();
      }
      if (r.cut() > 0 || !r.transfers().isEmpty()) {
        err.println(
            String.format(
                Locale.ROOT,
                "ambient: DC stock short: %d orders cut (%d dropped), %d transfers",
                r.cut(),
                r.dropped(),
                r.transfers().size()));
      }
    }

    /**
     * Mean forecast units per day over the next week (the next period for weekly and monthly
     * sales); 0 without sales history.
     */
    private static double dailyDemand(
        SalesHistory h, ForecastEngine engine, StoreId store, SkuId sku) {
      OptionalInt i = h.indexOf(store, sku);
      if (i.isEmpty()) {
        return 0;
      }
      int periods = h.period() == ForecastPeriod.DAY ? 7 : 1;
      double sum = 0;
      double[] f = h.forecast(engine, i.getAsInt(), periods).daily();
      for (double v : f) {
        sum += v;
      }
      long days =
          ChronoUnit.DAYS.between(h.periodStart(h.days()), h.periodStart(h.days() + periods));
      return sum / days;
    }
  }

  /** A one-line progress bar on stderr, redrawn at most ten times a second. */
  static final class ProgressBar implements PlanProgress {
    private final PrintWriter err;
    private final String label;
    private long lastDraw;
    private int lastPercent = -1;

    ProgressBar(PrintWriter err) {
      this(err, "planning");
    }

    ProgressBar(PrintWriter err, String label) {
      this.err = err;
      this.label = label;
    }

    @Override
    public synchronized void planned(long done, long total) {
      int percent = (int) (done * 100 / Math.max(1, total));
      long now = System.nanoTime();
      if (percent == lastPercent || (now - lastDraw < 100_000_000L && done < total)) {
        return;
      }
      lastPercent = percent;
      lastDraw = now;
      int filled = percent / 5;
      err.print(
          "\r"
              + label
              + " ["
              + "#".repeat(filled)
              + " ".repeat(20 - filled)
              + "] "
              + percent
              + "% "
              + done
              + "/"
              + total);
      err.flush();
    }

    synchronized void finish() {
      err.println();
    }
  }
}
