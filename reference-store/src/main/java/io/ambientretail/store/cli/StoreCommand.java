package io.ambientretail.store.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ambient store}: run the reference store, or its built-in demo. */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Run the reference store or its simulated demo.",
    subcommands = {StoreCommand.Demo.class, StoreCommand.Run.class})
final class StoreCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient store demo}. */
  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Run a complete simulated store on embedded defaults.",
      footer = {"", "Example:", "  ambient store demo --shoppers 20 --seed 7 --exit-when-done"})
  static final class Demo implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--kind", defaultValue = "walkout",
        description = "walkout (smart store) or micromarket (kiosk). Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--shoppers", description = "Number of simulated shoppers (default: until stopped).")
    Integer shoppers;

    @Option(names = "--seed", defaultValue = "1", description = "Simulation seed.")
    long seed;

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard and REST port.")
    int port;

    @Option(names = "--db", description = "JDBC URL (default: SQLite under ./data).")
    String db;

    @Option(names = "--exit-when-done", description = "Exit with a summary line when done.")
    boolean exitWhenDone;

    @Option(names = "--real-transports",
        description = "Use socat pseudo-terminals and the vpcd virtual reader when present.")
    boolean realTransports;

    @Override
    public Integer call() {
      var err = spec.commandLine().getErr();
      err.println("ambient: the store demo is being built (reference-store); so far this build has"
          + " sdk-core. Nothing was simulated.");
      err.flush();
      return ExitCode.OK;
    }
  }

  /** {@code ambient store run}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a store from a YAML configuration.",
      footer = {"", "Example:", "  ambient store run --config store.yaml"})
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "The store.yaml to run.")
    Path config;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "store run", "reference-store");
    }
  }
}
