package io.ambientretail.store.cli;

import io.ambientretail.core.Money;
import io.ambientretail.store.RunSummary;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.devices.StoreDevices;
import io.ambientretail.store.sim.ShopperSimulation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ambient store}: run the reference store, or its built-in demo. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Run the reference store or its simulated demo.",
    subcommands = {StoreCommand.Demo.class, StoreCommand.Run.class, StoreCommand.Config.class})
final class StoreCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient store demo}. */
  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description = {
        "Run a complete simulated store on embedded defaults: simulated shelves,"
            + " entry gate or kiosk, shoppers with virtual cards, a simulated acquirer over loopback"
            + " HTTP, SQLite under ./data (walk-out) or ./data/micromarket, the dashboard and REST"
            + " API.",
        "Without --shoppers it runs until stopped (Ctrl-C)."
      },
      footer = {
        "",
        "Example:",
        "  ambient store demo --shoppers 20 --seed 7 --exit-when-done",
        "  ambient store demo --kind micromarket --port 8081"
      })
  static final class Demo implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--kind",
        defaultValue = "walkout",
        description = "walkout (smart store) or micromarket (kiosk). Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(
        names = "--shoppers",
        description = "Number of simulated shoppers (default: until stopped).")
    Integer shoppers;

    @Option(names = "--seed", defaultValue = "1", description = "Simulation seed.")
    long seed;

    @Option(
        names = "--port",
        defaultValue = "8080",
        description = "Dashboard and REST port on 127.0.0.1 (0: any free port).")
    int port;

    @Option(names = "--db", description = "JDBC URL (default: SQLite under ./data).")
    String db;

    @Option(
        names = "--data",
        description = "Data directory (default: ./data, or ./data/micromarket).")
    Path data;

    @Option(names = "--exit-when-done", description = "Exit with a summary line when done.")
    boolean exitWhenDone;

    @Option(names = "--duration", description = "Stop after this many seconds (default: never).")
    Integer duration;

    @Option(
        names = "--real-transports",
        description = "Use socat pseudo-terminals and the vpcd virtual reader when present.")
    boolean realTransports;

    @Option(
        names = "--gateway",
        description =
            "Payment gateway base URL (default: the simulated" + " acquirer on loopback HTTP).")
    String gateway;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      StoreKind k = StoreKind.parse(kind);
      if (shoppers != null && shoppers < 0) {
        throw new IllegalArgumentException("--shoppers: must be 0 or more, was " + shoppers);
      }
      if (exitWhenDone && shoppers == null) {
        throw new IllegalArgumentException("--exit-when-done needs --shoppers N");
      }
      if (realTransports) {
        err.println(
            "ambient: note: --real-transports: simulated serial devices over socat"
                + " pseudo-terminals (jSerialComm) and card taps through pcscd and vpcd, each"
                + " when present (otherwise in process, with a note)");
      }
      StoreConfig config = StoreConfigReader.withDefaults().demo(k);
      if (gateway != null) {
        config = io.ambientretail.store.pay.GatewaySetting.withGateway(config, gateway);
      }
      Path dir =
          data != null
              ? data
              : k == StoreKind.WALKOUT ? Path.of("data") : Path.of("data", "micromarket");
      ShopperSimulation.Pace pace =
          exitWhenDone ? ShopperSimulation.Pace.FAST : ShopperSimulation.Pace.REALTIME;
      StoreApp.Options o =
          StoreApp.Options.demo(config, dir, port, seed)
              .withDb(db)
              .withPace(pace)
              .withRealTransports(realTransports);
      return runStore(
          o,
          realTransports ? StoreDevices.Transport.PSEUDO_TERMINALS : StoreDevices.Transport.MEMORY,
          shoppers == null ? -1 : shoppers,
          exitWhenDone,
          duration,
          out,
          err);
    }
  }

  /** {@code ambient store config --example}: prints a starting store.yaml. */
  @Command(
      name = "config",
      mixinStandardHelpOptions = true,
      description = {
        "Print a complete store.yaml to start from: the demo's configuration of the chosen kind,"
            + " with simulated devices and demo tokens to replace."
      },
      footer = {
        "",
        "Example:",
        "  ambient store config --example --kind micromarket > store.yaml",
        "  ambient store run --config store.yaml"
      })
  static final class Config implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--example", required = true, description = "Print the example configuration.")
    boolean example;

    @Option(
        names = "--kind",
        defaultValue = "walkout",
        description = "walkout (smart store) or micromarket (kiosk). Default: ${DEFAULT-VALUE}.")
    String kind;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.print(StoreConfigReader.demoYaml(StoreKind.parse(kind)));
      out.flush();
      return ExitCode.OK;
    }
  }

  /** {@code ambient store run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Run a store from a YAML configuration (store.yaml).",
      footer = {"", "Example:", "  ambient store run --config store.yaml --port 8080"})
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "The store.yaml to run.")
    Path config;

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard and REST port.")
    int port;

    @Option(names = "--db", description = "JDBC URL (default: SQLite in --data).")
    String db;

    @Option(names = "--data", defaultValue = "data", description = "Data directory.")
    Path data;

    @Option(names = "--duration", description = "Stop after this many seconds (default: never).")
    Integer duration;

    @Override
    public Integer call() throws Exception {
      StoreConfig cfg = StoreConfigReader.withDefaults().read(config);
      boolean simulated = cfg.devices().stream().allMatch(d -> d.driver().equals("simulated"));
      StoreApp.Options o =
          new StoreApp.Options(
              cfg, data, db, port, true, simulated, ShopperSimulation.Pace.REALTIME, 1, 4);
      return runStore(
          o,
          simulated ? -1 : 0,
          false,
          duration,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }

  static int runStore(
      StoreApp.Options o,
      int shoppers,
      boolean exitWhenDone,
      Integer duration,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    return runStore(o, StoreDevices.Transport.MEMORY, shoppers, exitWhenDone, duration, out, err);
  }

  static int runStore(
      StoreApp.Options o,
      StoreDevices.Transport transport,
      int shoppers,
      boolean exitWhenDone,
      Integer duration,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    long t0 = System.nanoTime();
    StoreApp app = StoreApp.start(o, transport);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              try {
                app.stopSimulation();
                err.println(stopNote(app.unsettled(), o.dataDir()));
                err.flush();
              } catch (RuntimeException e) {
                // the store is going down anyway; close what is left
              }
              app.close();
              stopped.countDown();
            },
            "ambient-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      long readyMs = (System.nanoTime() - t0) / 1_000_000;
      StoreConfig cfg = o.config();
      err.printf(
          Locale.ROOT,
          "ambient: %s %s (%s) ready in %d ms; database %s%n",
          cfg.storeId(),
          cfg.name(),
          cfg.kind().id(),
          readyMs,
          app.engine().database().describe());
      if (o.realTransports()) {
        err.println("ambient: " + app.cardTapNote());
      }
      if (app.recoveredSessions() > 0) {
        err.printf(
            Locale.ROOT,
            "ambient: settled %d sessions left open by the last run%n",
            app.recoveredSessions());
      }
      if (app.port() > 0) {
        err.printf(
            Locale.ROOT,
            "ambient: dashboard http://127.0.0.1:%d/#token=demo-admin"
                + "  (API: curl -H 'Authorization: Bearer demo-operator' http://127.0.0.1:%d/api/status)%n",
            app.port(),
            app.port());
      }
      err.flush();
      if (o.simulate() && shoppers != 0) {
        app.simulation().run(shoppers);
      }
      long deadline =
          duration == null ? Long.MAX_VALUE : System.currentTimeMillis() + duration * 1000L;
      long every = o.pace() == ShopperSimulation.Pace.FAST ? 1000 : 5000;
      while (System.currentTimeMillis() < deadline) {
        boolean done =
            o.simulate() && shoppers > 0
                ? app.simulation()
                    .awaitDone(
                        Math.min(every, Math.max(1, deadline - System.currentTimeMillis())),
                        TimeUnit.MILLISECONDS)
                : stopped.await(
                    Math.min(every, Math.max(1, deadline - System.currentTimeMillis())),
                    TimeUnit.MILLISECONDS);
        progress(app, shoppers, err);
        if (done && (exitWhenDone || !o.simulate())) {
          break;
        }
        if (done && stopped.getCount() == 0) {
          break;
        }
      }
      if (exitWhenDone) {
        RunSummary s = app.summary();
        out.println(s.toJsonLine());
        out.flush();
        return s.clean() ? ExitCode.OK : ExitCode.PROBLEM;
      }
      return ExitCode.OK;
    } catch (RuntimeException e) {
      if (!stopping.get()) {
        throw e;
      }
      // stopped (Ctrl-C) while this thread read the store: the shutdown hook reports and closes
      stopped.await();
      return ExitCode.OK;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        app.close();
      } catch (IllegalStateException shuttingDown) {
        // the hook is closing the store
      }
    }
  }

  /** The line a stop prints: what the next start on the same data directory settles. */
  static String stopNote(StoreApp.Unsettled u, Path dataDir) {
    if (u.openVisits() == 0 && u.heldForReview() == 0) {
      return "ambient: stopped; nothing is left open";
    }
    StringBuilder sb = new StringBuilder("ambient: stopped; the next start on ").append(dataDir);
    sb.append(" settles what is still open:");
    if (u.openVisits() > 0) {
      sb.append(' ')
          .append(u.openVisits())
          .append(u.openVisits() == 1 ? " visit" : " visits")
          .append(" under way (a walk-out cart is held for review, a kiosk sale finished or")
          .append(" cancelled)");
    }
    if (u.heldForReview() > 0) {
      sb.append(u.openVisits() > 0 ? ";" : "")
          .append(' ')
          .append(u.heldForReview())
          .append(u.heldForReview() == 1 ? " receipt" : " receipts")
          .append(" held for review (they stay held until staff decide)");
    }
    return sb.toString();
  }

  private static void progress(StoreApp app, int shoppers, PrintWriter err) {
    long since = app.startedMs();
    long[] r =
        app.engine()
            .database()
            .read(
                c -> {
                  try (var q =
                      c.prepareStatement(
                          "SELECT COUNT(*), COALESCE(SUM(total_minor), 0) FROM"
                              + " receipts WHERE created_ms >= ?")) {
                    q.setLong(1, since);
                    try (var rs = q.executeQuery()) {
                      rs.next();
                      return new long[] {rs.getLong(1), rs.getLong(2)};
                    }
                  }
                });
    String done =
        !app.simulated()
            ? ""
            : "shoppers "
                + app.simulation().done()
                + (shoppers > 0 ? "/" + shoppers : "")
                + " done, "
                + app.simulation().inStore()
                + " in store, ";
    long held = app.engine().reviews().openCount();
    err.println(
        "ambient: "
            + done
            + "receipts "
            + r[0]
            + ", captured "
            + Money.ofMinor(r[1], app.config().currency())
            + (held > 0 ? ", " + held + " held for review" : ""));
    err.flush();
  }
}
