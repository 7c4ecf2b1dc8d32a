package io.ambientretail.store.cli;

import io.ambientretail.inventory.fusion.FusionConfig;
import io.ambientretail.inventory.fusion.FusionReplay;
import io.ambientretail.inventory.fusion.Receipt;
import io.ambientretail.inventory.fusion.ReceiptReader;
import io.ambientretail.inventory.fusion.ReplayFormatException;
import io.ambientretail.inventory.fusion.ReplayLimits;
import io.ambientretail.inventory.fusion.ReplayMetrics;
import io.ambientretail.inventory.fusion.ReplayReader;
import io.ambientretail.inventory.fusion.ReplayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ambient fusion}: replay cart-fusion event logs. */
@Command(
    name = "fusion",
    mixinStandardHelpOptions = true,
    description = "Replay cart-fusion event logs.",
    subcommands = {FusionCommand.Replay.class})
final class FusionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient fusion replay}. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = "Replay a fusion event log and print one receipt line per shopper.",
      footer = {"", "Example:", "  ambient fusion replay day.jsonl --truth day.truth.jsonl"})
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The event log (JSON lines).")
    Path file;

    @Option(names = "--truth", description = "Ground truth; adds a metrics line.")
    Path truth;

    @Option(
        names = "--baseline",
        description = "Attribute to the nearest shopper only (for comparison).")
    boolean baseline;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      FusionConfig config =
          baseline
              ? FusionConfig.builder()
                  .attribution(io.ambientretail.inventory.fusion.Attribution.NEAREST_SHOPPER)
                  .build()
              : FusionConfig.defaults();
      FusionReplay.Result result;
      List<Receipt> truthReceipts = null;
      String where = file.toString();
      try {
        if (truth != null) {
          where = truth.toString();
          try (Reader r = Files.newBufferedReader(truth, StandardCharsets.UTF_8)) {
            truthReceipts = ReceiptReader.readAll(r, ReplayLimits.defaults());
          }
        }
        where = file.toString();
        try (ReplayReader in =
            ReplayReader.open(
                Files.newBufferedReader(file, StandardCharsets.UTF_8), ReplayLimits.defaults())) {
          result = FusionReplay.run(in, config);
        }
      } catch (ReplayFormatException e) {
        err.println("ambient: [" + e.code() + "] " + e.describe(where));
        err.flush();
        return ExitCode.USAGE;
      } catch (NoSuchFileException e) {
        err.println("ambient: no such file: " + e.getFile());
        err.flush();
        return ExitCode.USAGE;
      }
      for (Map.Entry<String, Long> u : result.unknownTypes().entrySet()) {
        err.println(
            "ambient: warning: skipped "
                + u.getValue()
                + " line(s) of unknown type '"
                + u.getKey()
                + "'");
      }
      ReplayWriter w = ReplayWriter.to(out);
      for (Receipt r : result.receipts()) {
        w.receipt(r);
      }
      if (truthReceipts != null) {
        w.metrics(ReplayMetrics.compare(result.receipts(), truthReceipts));
      }
      w.flush();
      err.flush();
      return ExitCode.OK;
    }
  }
}
