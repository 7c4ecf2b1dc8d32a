package io.ambientretail.store.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code ambient} command: global options and the list of subcommands. */
@Command(
    name = "ambient",
    mixinStandardHelpOptions = true,
    versionProvider = AmbientCommand.Version.class,
    description = "Run and operate an Ambient Retail store, and the SDK's tools.",
    subcommands = {
      StoreCommand.class,
      CardCommand.class,
      DeviceCommand.class,
      FusionCommand.class,
      FpeCommand.class,
      ForecastCommand.class,
      ReplenishCommand.class,
      AuditCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ambient store demo --shoppers 20 --exit-when-done",
      "  ambient fpe ff1 --key 2B7E151628AED2A6ABF7158809CF4F3C --radix 10 \\",
      "      --encrypt 0123456789",
      "",
      "Machine-readable output goes to stdout as JSON lines; notes and progress to",
      "stderr.",
      "Exit codes: 0 success, 1 the work found a problem, 2 bad usage or bad input."
    })
public final class AmbientCommand implements Runnable {
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces for errors.")
  boolean debug;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AmbientCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "ambient "
            + (v == null ? "development build" : v)
            + " (Java "
            + System.getProperty("java.version")
            + ")"
      };
    }
  }
}
