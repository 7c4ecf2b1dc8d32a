package io.ambientretail.store.cli;

import io.ambientretail.payments.tokenize.Ff1;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ambient fpe}: format-preserving encryption. */
@Command(
    name = "fpe",
    mixinStandardHelpOptions = true,
    description = "Format-preserving encryption (NIST SP 800-38G).",
    subcommands = {FpeCommand.Ff1Command.class})
final class FpeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient fpe ff1}. */
  @Command(
      name = "ff1",
      mixinStandardHelpOptions = true,
      description = "FF1 over the alphabet 0-9a-z truncated to the radix; prints the result alone.",
      footer = {
        "",
        "Example:",
        "  ambient fpe ff1 --key 2B7E151628AED2A6ABF7158809CF4F3C --radix 10 \\",
        "      --encrypt 0123456789",
        "  ambient fpe ff1 --key 2B7E151628AED2A6ABF7158809CF4F3C --radix 36 \\",
        "      --tweak 3737373770717273373737 --decrypt a9tv40mll9kdu509eum"
      })
  static final class Ff1Command implements Callable<Integer> {
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
    public Integer call() throws Exception {
      byte[] k = hex("--key", key);
      if (k.length != 16 && k.length != 24 && k.length != 32) {
        throw new IllegalArgumentException(
            "--key must be 16, 24 or 32 bytes of hex, was " + k.length + " bytes");
      }
      if (radix < 2 || radix > 36) {
        throw new IllegalArgumentException("--radix must be 2..36, was " + radix);
      }
      Ff1 ff1 = Ff1.create(k, radix);
      byte[] t = hex("--tweak", tweak);
      String result = direction.encrypt ? ff1.encrypt(value, t) : ff1.decrypt(value, t);
      spec.commandLine().getOut().println(result);
      spec.commandLine().getOut().flush();
      return ExitCode.OK;
    }

    private static byte[] hex(String option, String text) {
      try {
        return HexFormat.of().parseHex(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + " is not valid hex (" + e.getMessage() + ")");
      }
    }
  }
}
