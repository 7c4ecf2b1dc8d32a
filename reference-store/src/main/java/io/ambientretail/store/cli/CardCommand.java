package io.ambientretail.store.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ambient card}: read EMV cards on a PC/SC reader. */
@Command(name = "card", mixinStandardHelpOptions = true,
    description = "Read EMV cards on a PC/SC reader.",
    subcommands = {CardCommand.Read.class})
final class CardCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient card read}. */
  @Command(name = "read", mixinStandardHelpOptions = true,
      description = "Read the first EMV card and print its masked PAN and token as one JSON line.",
      footer = {"", "Example:", "  ambient card read --amount 1.00 --currency EUR --wait 30"})
  static final class Read implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--reader", description = "Reader name or pattern (default: the first).")
    String reader;

    @Option(names = "--amount", defaultValue = "1.00", description = "Amount for the PDOL.")
    String amount;

    @Option(names = "--currency", defaultValue = "EUR", description = "ISO 4217 currency.")
    String currency;

    @Option(names = "--wait", defaultValue = "0", description = "Seconds to wait for a card.")
    int waitSeconds;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "card read", "sdk-payments");
    }
  }
}
