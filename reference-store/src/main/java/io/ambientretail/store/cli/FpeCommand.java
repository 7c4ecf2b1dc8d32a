package io.ambientretail.store.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ambient fpe}: format-preserving encryption. */
@Command(name = "fpe", mixinStandardHelpOptions = true,
    description = "Format-preserving encryption (NIST SP 800-38G).",
    subcommands = {FpeCommand.Ff1.class})
final class FpeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient fpe ff1}. */
  @Command(name = "ff1", mixinStandardHelpOptions = true,
      description = "FF1 over the alphabet 0-9a-z truncated to the radix; prints the result alone.",
      footer = {"", "Example:",
          "  ambient fpe ff1 --key 2B7E151628AED2A6ABF7158809CF4F3C --radix 10 --encrypt 0123456789"})
  static final class Ff1 implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "AES key, hex (16, 24 or 32 bytes).")
    String key;

    @Option(names = "--radix", required = true, description = "Radix 2..36.")
    int radix;

    @Option(names = "--tweak", defaultValue = "", description = "Tweak, hex.")
    String tweak;

    @ArgGroup(multiplicity = "1")
    Direction direction;

    @Parameters(index = "0", paramLabel = "VALUE", description = "The value to encrypt or decrypt.")
    String value;

    static final class Direction {
      @Option(names = "--encrypt", required = true, description = "Encrypt VALUE.")
      boolean encrypt;

      @Option(names = "--decrypt", required = true, description = "Decrypt VALUE.")
      boolean decrypt;
    }

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "fpe ff1", "sdk-payments");
    }
  }
}
