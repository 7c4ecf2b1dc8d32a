package io.ambientretail.store.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ambient audit}: export and verify the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Export and verify the tamper-evident audit log.",
    subcommands = {AuditCommand.Export.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient audit export}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the store's audit trail as JSON lines, oldest first.",
      footer = {"", "Example:", "  ambient audit export > audit.jsonl"})
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--db", description = "JDBC URL (default: the store's database under ./data).")
    String db;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "audit export", "sdk-privacy");
    }
  }

  /** {@code ambient audit verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a tamper-evident audit log; exit 1 when it was changed.",
      footer = {"", "Example:", "  ambient audit verify audit.jsonl"})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The exported audit log.")
    Path file;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "audit verify", "sdk-privacy");
    }
  }
}
