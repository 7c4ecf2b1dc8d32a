package io.ambientretail.store.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.Money;
import io.ambientretail.payments.emv.CardConnector;
import io.ambientretail.payments.emv.CardRead;
import io.ambientretail.payments.emv.EmvReaderConfig;
import io.ambientretail.payments.emv.ReaderPaymentTerminal;
import io.ambientretail.payments.tokenize.CardToken;
import io.ambientretail.payments.tokenize.Tokenizer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Currency;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
      description = {"Read the first EMV card and print its masked PAN and token as one JSON line.",
          "The full PAN is never printed, logged or written. Card reading for tokenization,",
          "not a certified EMV kernel."},
      footer = {"", "Example:", "  ambient card read --amount 1.00 --currency EUR --wait 30"})
  static final class Read implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--reader", description = "Reader name or part of it (default: the first).")
    String reader;

    @Option(names = "--amount", defaultValue = "1.00", description = "Amount for the PDOL.")
    String amount;

    @Option(names = "--currency", defaultValue = "EUR", description = "ISO 4217 currency.")
    String currency;

    @Option(names = "--wait", defaultValue = "0", description = "Seconds to wait for a card.")
    int waitSeconds;

    @Option(names = "--token-key-file", defaultValue = "data/token.key",
        description = "Tokenization key (hex AES-128), created on first use (default: "
            + "${DEFAULT-VALUE}).")
    Path tokenKeyFile;

    @Override
    public Integer call() throws Exception {
      if (waitSeconds < 0) {
        throw new IllegalArgumentException("--wait must be 0 or more seconds, was " + waitSeconds);
      }
      Money money;
      try {
        money = Money.of(new BigDecimal(amount),
            Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--amount '" + amount + "' is not a decimal amount");
      }
      if (money.isNegative()) {
        throw new IllegalArgumentException("--amount must not be negative");
      }
      PcscConnector connector = new PcscConnector(reader);
      ReaderPaymentTerminal terminal = ReaderPaymentTerminal.of(connector,
          EmvReaderConfig.builder().amount(money).build());
      try (CardRead card = terminal.readCard(money, Duration.ofSeconds(waitSeconds))) {
        Tokenizer tokenizer = Tokenizer.builder().key(1, tokenKey()).build();
        CardToken token = tokenizer.tokenize(card.pan());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("reader", connector.readerName);
        line.put("aid", card.aid());
        line.put("brand", card.brand().name());
        line.put("label", card.label().orElse(null));
        line.put("maskedPan", card.pan().masked());
        line.put("expiry", card.expiry().map(Object::toString).orElse(null));
        line.put("token", token.text());
        line.put("panSequence", card.panSequence().orElse(null));
        line.put("contactless", card.isContactless());
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(line));
        spec.commandLine().getOut().flush();
      }
      return ExitCode.OK;
    }

    private byte[] tokenKey() throws IOException {
      if (Files.exists(tokenKeyFile)) {
        String text = Files.readString(tokenKeyFile, StandardCharsets.US_ASCII).strip();
        try {
          byte[] k = HexFormat.of().parseHex(text);
          if (k.length == 16 || k.length == 24 || k.length == 32) {
            return k;
          }
        } catch (IllegalArgumentException e) {
          // reported below
        }
        throw new IllegalArgumentException(tokenKeyFile + " does not hold a hex AES key");
      }
      byte[] k = new byte[16];
      new SecureRandom().nextBytes(k);
      Path parent = tokenKeyFile.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(tokenKeyFile, HexFormat.of().formatHex(k) + "\n",
          StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(tokenKeyFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      spec.commandLine().getErr().println("ambient: created a new tokenization key in "
          + tokenKeyFile);
      return k;
    }
  }

  /** Connects to a card on a PC/SC reader through javax.smartcardio. */
  static final class PcscConnector implements CardConnector {
    private final String wanted;
    String readerName = "";

    PcscConnector(String wanted) {
      this.wanted = wanted;
    }

    @Override
    public Connection connect(Duration timeout) throws IOException {
      useSystemPcscLite();
      try {
        List<CardTerminal> all = TerminalFactory.getDefault().terminals().list();
        CardTerminal t = all.stream()
            .filter(x -> wanted == null
                || x.getName().toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT)))
            .findFirst().orElseThrow(() -> new IOException(wanted == null
                ? "no PC/SC reader found (is pcscd running?)"
                : "no PC/SC reader matches '" + wanted + "'"));
        readerName = t.getName();
        if (!t.waitForCardPresent(Math.max(1, timeout.toMillis()))) {
          throw new InterruptedIOException("no card on '" + t.getName() + "' within "
              + timeout.toSeconds() + " s");
        }
        Card card = t.connect("*");
        CardChannel ch = card.getBasicChannel();
        return new Connection() {
          @Override
          public byte[] transmit(byte[] command) throws IOException {
            try {
              return ch.transmit(new CommandAPDU(command)).getBytes();
            } catch (CardException | IllegalArgumentException e) {
              throw new IOException("reader '" + readerName + "': " + e.getMessage(), e);
            }
          }

          @Override
          public void close() throws IOException {
            try {
              card.disconnect(false);
            } catch (CardException e) {
              throw new IOException(e.getMessage(), e);
            }
          }
        };
      } catch (CardException e) {
        throw new IOException("PC/SC: " + e.getMessage(), e);
      }
    }

    private static void useSystemPcscLite() {
      if (System.getProperty("sun.security.smartcardio.library") != null) {
        return;
      }
      for (String lib : new String[] {"/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1", "/usr/lib/libpcsclite.so.1"}) {
        if (Files.exists(Path.of(lib))) {
          System.setProperty("sun.security.smartcardio.library", lib);
          return;
        }
      }
    }
  }
}
