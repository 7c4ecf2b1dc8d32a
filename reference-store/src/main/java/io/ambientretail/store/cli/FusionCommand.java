package io.ambientretail.store.cli;

import io.ambientretail.inventory.fusion.CartListener;
import io.ambientretail.inventory.fusion.CartUpdate;
import io.ambientretail.inventory.fusion.FusionConfig;
import io.ambientretail.inventory.fusion.FusionReplay;
import io.ambientretail.inventory.fusion.Receipt;
import io.ambientretail.inventory.fusion.ReceiptReader;
import io.ambientretail.inventory.fusion.ReplayFormatException;
import io.ambientretail.inventory.fusion.ReplayLimits;
import io.ambientretail.inventory.fusion.ReplayMetrics;
import io.ambientretail.inventory.fusion.ReplayReader;
import io.ambientretail.inventory.fusion.ReplayWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
      ReplayWriter w = ReplayWriter.to(out);
      ReplayMetrics.Tally tally = null;
      FusionReplay.Result result;
      String where = file.toString();
      try {
        if (truth != null) {
          where = truth.toString();
          try (InputStream r = input(truth)) {
            tally = ReplayMetrics.Tally.against(ReceiptReader.readAll(r, ReplayLimits.defaults()));
          }
        }
        where = file.toString();
        ReceiptPrinter printer = new ReceiptPrinter(w, tally);
        try (ReplayReader in = ReplayReader.open(input(file), ReplayLimits.defaults())) {
          result = FusionReplay.stream(in, config, printer);
        }
      } catch (ReplayFormatException e) {
        w.flush();
        err.println("ambient: [" + e.code() + "] " + e.describe(where));
        err.flush();
        return ExitCode.USAGE;
      } catch (NoSuchFileException e) {
        err.println("ambient: " + e.getFile() + ": no such file");
        err.flush();
        return ExitCode.USAGE;
      } catch (NotAFile e) {
        err.println("ambient: " + e.getMessage());
        err.flush();
        return ExitCode.USAGE;
      } catch (AccessDeniedException e) {
        err.println("ambient: " + e.getFile() + ": permission denied");
        err.flush();
        return ExitCode.USAGE;
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (Map.Entry<String, Long> u : result.unknownTypes().entrySet()) {
        err.println(
            "ambient: warning: skipped "
                + u.getValue()
                + " line(s) of unknown type '"
                + u.getKey()
                + "'");
      }
      if (tally != null) {
        w.metrics(tally.result());
      }
      w.flush();
      err.flush();
      return ExitCode.OK;
    }
  }

  /** Opens {@code path} for reading, refusing a directory in words rather than "Is a directory". */
  private static InputStream input(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new NotAFile(path + ": is a directory, not a file");
    }
    return new BufferedInputStream(Files.newInputStream(path), 65_536);
  }

  /** An input path that names no regular file. */
  private static final class NotAFile extends IOException {
    private static final long serialVersionUID = 1L;

    NotAFile(String message) {
      super(message);
    }
  }

  /** Prints each receipt as fusion gives it and tallies it against the truth, if any. */
  private static final class ReceiptPrinter implements CartListener {
    private final ReplayWriter out;
    private final ReplayMetrics.@Nullable Tally tally;

    ReceiptPrinter(ReplayWriter out, ReplayMetrics.@Nullable Tally tally) {
      this.out = out;
      this.tally = tally;
    }

    @Override
    public void cartUpdated(CartUpdate update) {}

    @Override
    public void receipt(Receipt receipt) {
      try {
        out.receipt(receipt);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (tally != null) {
        tally.add(receipt);
      }
    }
  }
}
