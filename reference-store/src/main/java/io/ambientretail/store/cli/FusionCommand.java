package io.ambientretail.store.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ambient fusion}: replay cart-fusion event logs. */
@Command(name = "fusion", mixinStandardHelpOptions = true,
    description = "Replay cart-fusion event logs.",
    subcommands = {FusionCommand.Replay.class})
final class FusionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient fusion replay}. */
  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Replay a fusion event log and print one receipt line per shopper.",
      footer = {"", "Example:", "  ambient fusion replay day.jsonl --truth day.truth.jsonl"})
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The event log (JSON lines).")
    Path file;

    @Option(names = "--truth", description = "Ground truth; adds a metrics line.")
    Path truth;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "fusion replay", "sdk-inventory");
    }
  }
}
