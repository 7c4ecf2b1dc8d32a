package io.ambientretail.testing.emv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Money;
import io.ambientretail.devices.SmartCard;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.PcscService;
import io.ambientretail.devices.smartcard.ReaderPattern;
import io.ambientretail.devices.smartcard.VpcdCardEmulator;
import io.ambientretail.devices.smartcard.VpcdLock;
import io.ambientretail.payments.emv.CardRead;
import io.ambientretail.payments.emv.EmvException;
import io.ambientretail.payments.emv.EmvReaderConfig;
import io.ambientretail.payments.emv.ReaderPaymentTerminal;
import io.ambientretail.payments.emv.SmartcardConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recorded contact Visa session, replayed faithfully through pcscd and vpcd: its first READ
 * RECORD of SFI 1 came back garbled ({@code 00000000}) and the terminal asked again. Our reader
 * takes that undefined status word for a transmission error and asks again too.
 */
class EmvGarbledTraceVpcdTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static CardReader reader;
  private static SmartcardConnector connector;

  @BeforeAll
  static void requirePcscdWithVpcd() throws Exception {
    boolean listening = VpcdLock.vpcdListening();
    if (!listening && "true".equals(System.getenv("CI"))) {
      fail("pcscd with vsmartcard-vpcd is not running under CI (scripts/test starts it)");
    }
    assumeTrue(listening, "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
    reader = CardReader.builder(DeviceId.of("card-1"), ReaderPattern.of("Virtual PCD*")).build();
    reader.open();
    reader.claim(WAIT);
    reader.enable();
    connector = SmartcardConnector.over(reader);
  }

  @AfterAll
  static void closeReader() {
    if (reader != null) {
      reader.close();
    }
  }

  private static Path contactVisa() {
    Optional<Path> dir = EmvTraceCard.corpusDirectory();
    if (dir.isEmpty() && "true".equals(System.getenv("CI"))) {
      fail("../shared/corpus/emv-traces is missing under CI");
    }
    assumeTrue(dir.isPresent(), "../shared/corpus/emv-traces is absent (outside CI): skipped");
    Path trace = dir.get().resolve("contact-visa-in.txt");
    assertThat(trace).exists();
    return trace;
  }

  private static CardRead readThroughVpcd(SmartCard card) throws Exception {
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120));
        PcscService pcsc = PcscService.create()) {
      CardTerminal terminal = pcsc.find(ReaderPattern.of("Virtual PCD*"));
      assertThat(terminal).isNotNull();
      // a card left by an earlier holder must be gone before ours goes in
      assertThat(terminal.waitForCardAbsent(WAIT.toMillis())).isTrue();
      try {
        try (VpcdCardEmulator emulator =
            VpcdCardEmulator.insert(card, VpcdCardEmulator.DEFAULT_ADDRESS)) {
          assertThat(terminal.waitForCardPresent(WAIT.toMillis())).isTrue();
          ReaderPaymentTerminal pos =
              ReaderPaymentTerminal.of(connector, EmvReaderConfig.builder().build());
          return pos.readCard(Money.parse("1.00 EUR"), WAIT);
        }
      } finally {
        assertThat(terminal.waitForCardAbsent(WAIT.toMillis())).isTrue();
      }
    }
  }

  @Test
  void contactVisaTrace_garbledFirstRecord_isAskedAgainAndRead() throws Exception {
    Path trace = contactVisa();
    assertThat(Files.readAllLines(trace)).contains("00b2010c00", "00000000");
    VirtualEmvCard card = EmvTraceCard.loadInTurn(trace);
    try (CardRead read = readThroughVpcd(card)) {
      assertThat(read.pan().isLuhnValid()).isTrue();
      assertThat(read.aid()).isEqualTo("A0000000031010");
      assertThat(read.expiry()).isPresent();
    }
    assertThat(card.commands().stream().filter(c -> c.startsWith("00B2010C")).count()).isEqualTo(2);
  }

  @Test
  void linkThatGarblesTheSameAnswerTwice_failsNamingTheCommand() throws Exception {
    Path trace = contactVisa();
    VirtualEmvCard faithful = EmvTraceCard.loadInTurn(trace);
    byte[] garbled = HexFormat.of().parseHex("00000000");
    SmartCard twice =
        new SmartCard() {
          int left = 2;

          @Override
          public byte[] atr() {
            return faithful.atr();
          }

          @Override
          public void reset() {
            faithful.reset();
          }

          @Override
          public byte[] process(byte[] command) {
            byte[] r = faithful.process(command);
            boolean readRecord11 =
                command.length >= 4
                    && command[1] == (byte) 0xB2
                    && command[2] == 1
                    && command[3] == 0x0C;
            if (readRecord11 && left > 0) {
              left--;
              return garbled.clone();
            }
            return r;
          }
        };
    assertThatThrownBy(() -> readThroughVpcd(twice).close())
        .isInstanceOfSatisfying(
            EmvException.class,
            e -> {
              assertThat(e.code()).isEqualTo(EmvException.EMV_TRANSMISSION);
              assertThat(e.getMessage()).contains("READ RECORD SFI 1 record 1");
            });
  }
}
