package io.ambientretail.store.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Money;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.ReaderPattern;
import io.ambientretail.payments.emv.CardRead;
import io.ambientretail.payments.emv.EmvReaderConfig;
import io.ambientretail.payments.emv.ReaderPaymentTerminal;
import io.ambientretail.payments.emv.SmartcardConnector;
import io.ambientretail.payments.tokenize.CardToken;
import io.ambientretail.payments.tokenize.Tokenizer;
import io.ambientretail.store.privacy.SecretFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Currency;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ambient card}: read EMV cards on a PC/SC reader. */
@Command(
    name = "card",
    mixinStandardHelpOptions = true,
    description = "Read EMV cards on a PC/SC reader.",
    subcommands = {CardCommand.Read.class})
final class CardCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code ambient card read}. */
  @Command(
      name = "read",
      mixinStandardHelpOptions = true,
      description = {
        "Read the first EMV card and print its masked PAN and token as one JSON line.",
        "The full PAN is never printed, logged or written. Card reading for tokenization,",
        "not a certified EMV kernel."
      },
      footer = {
        "",
        "Examples:",
        "  ambient card read --amount 1.00 --currency EUR --wait 30",
        "  ambient card read --reader \"Virtual PCD\" --token-key-file data/token.key"
      })
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

    @Option(
        names = "--token-key-file",
        paramLabel = "FILE",
        description =
            "A file holding the tokenization key (hex AES), created with a random key (owner-only)"
                + " on first use, so the same card gives the same token across runs. Default: a"
                + " one-off key for this run only; nothing is written.")
    @Nullable Path tokenKeyFile;

    @Override
    public Integer call() throws Exception {
      if (waitSeconds < 0) {
        throw new IllegalArgumentException("--wait must be 0 or more seconds, was " + waitSeconds);
      }
      Money money;
      try {
        money =
            Money.of(
                new BigDecimal(amount), Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--amount '" + amount + "' is not a decimal amount");
      }
      if (money.isNegative()) {
        throw new IllegalArgumentException("--amount must not be negative");
      }
      ReaderPattern pattern = ReaderPattern.of(reader == null ? "" : "*" + reader + "*");
      try (CardReader device = CardReader.builder(DeviceId.of("card-reader"), pattern).build()) {
        device.open();
        device.claim(Duration.ofSeconds(Math.max(2, waitSeconds)));
        device.enable();
        ReaderPaymentTerminal terminal =
            ReaderPaymentTerminal.of(
                SmartcardConnector.over(device), EmvReaderConfig.builder().amount(money).build());
        try (CardRead card = terminal.readCard(money, Duration.ofSeconds(waitSeconds))) {
          print(device.readerName(), card);
        }
      }
      return ExitCode.OK;
    }

    private void print(@Nullable String readerName, CardRead card)
        throws IOException, GeneralSecurityException {
      // Version 2: tokens under the policy that always encrypts at least 6 digits (version 1 tokens
      // of earlier releases kept the BIN of 16-digit cards and are not made any more).
      Tokenizer tokenizer = Tokenizer.builder().key(2, tokenKey()).build();
      CardToken token = tokenizer.tokenize(card.pan());
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("reader", readerName);
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

    private byte[] tokenKey() throws IOException {
      if (tokenKeyFile == null) {
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        spec.commandLine()
            .getErr()
            .println(
                "ambient: token made with a one-off key; pass "
                    + "--token-key-file FILE for tokens that stay the same across runs");
        return k;
      }
      Path tokenKeyFile = this.tokenKeyFile;
      if (Files.exists(tokenKeyFile)) {
        String text = InputFile.of(tokenKeyFile).readUtf8(1000).strip();
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
      SecretFile.create(
          tokenKeyFile, (HexFormat.of().formatHex(k) + "\n").getBytes(StandardCharsets.US_ASCII));
      spec.commandLine()
          .getErr()
          .println("ambient: created a new tokenization key in " + tokenKeyFile);
      return k;
    }
  }
}
