package io.ambientretail.testing.emv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Money;
import io.ambientretail.devices.SmartCard;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.ReaderPattern;
import io.ambientretail.devices.smartcard.VpcdCardEmulator;
import io.ambientretail.devices.smartcard.VpcdLock;
import io.ambientretail.payments.emv.CardRead;
import io.ambientretail.payments.emv.EmvException;
import io.ambientretail.payments.emv.EmvReaderConfig;
import io.ambientretail.payments.emv.ReaderPaymentTerminal;
import io.ambientretail.payments.emv.SmartcardConnector;
import io.ambientretail.testing.PanLeakScanner;
import io.ambientretail.testing.emv.VirtualEmvCards.Interface;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EMV reader through sdk-devices' CardReader (javax.smartcardio) -> pcscd -> vpcd -> the
 * virtual cards, for real.
 */
class EmvVpcdTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The sdk-devices reader the EMV flow runs over, as in the CLI and the store. */
  private static CardReader reader;

  private static SmartcardConnector connector;

  @TempDir Path tmp;

  @BeforeAll
  static void requirePcscdWithVpcd() throws IOException {
    boolean listening;
    try (Socket s = new Socket("127.0.0.1", 35963)) {
      listening = true;
    } catch (IOException e) {
      listening = false;
    }
    assumeTrue(listening, "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
    SmartcardioChannel.useSystemPcscLite();
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

  private static CardRead readThroughVpcd(SmartCard card) throws Exception {
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120))) {
      javax.smartcardio.CardTerminal terminal =
          javax.smartcardio.TerminalFactory.getDefault().terminals().list().stream()
              .filter(t -> t.getName().startsWith("Virtual PCD"))
              .findFirst()
              .orElseThrow();
      // a card left by an earlier holder must be gone before ours goes in
      assertThat(terminal.waitForCardAbsent(WAIT.toMillis())).isTrue();
      try {
        try (VpcdCardEmulator emulator =
            VpcdCardEmulator.insert(card, VpcdCardEmulator.DEFAULT_ADDRESS)) {
          assertThat(terminal.waitForCardPresent(WAIT.toMillis())).isTrue();
          ReaderPaymentTerminal pos =
              ReaderPaymentTerminal.of(connector, EmvReaderConfig.builder().build());
          CardRead read = pos.readCard(Money.parse("1.00 EUR"), WAIT);
          assertThat(emulator.apduCount()).isGreaterThanOrEqualTo(4);
          return read;
        }
      } finally {
        assertThat(terminal.waitForCardAbsent(WAIT.toMillis())).isTrue();
      }
    }
  }

  @Test
  void everyProfile_readsThroughPcscd() throws Exception {
    List<String> out = new ArrayList<>();
    try (LogCapture logs = new LogCapture(tmp.resolve("logs"))) {
      for (Interface iface : Interface.values()) {
        for (VirtualEmvCard card :
            List.of(
                VirtualEmvCards.visa(iface),
                VirtualEmvCards.mastercard(iface),
                VirtualEmvCards.amex(iface))) {
          try (CardRead read = readThroughVpcd(card)) {
            assertThat(read.pan().isLuhnValid()).as(card.name()).isTrue();
            assertThat(read.isContactless())
                .as(card.name())
                .isEqualTo(iface == Interface.CONTACTLESS);
            out.add(card.name() + " " + read);
          }
        }
      }
    }
    assertThat(out).hasSize(6).anyMatch(l -> l.contains("374245*****1006"));
    Files.write(tmp.resolve("reads.txt"), out);
    assertThat(PanLeakScanner.allowing(VirtualEmvCards.AID_DIGIT_RUNS).scan(tmp)).isEmpty();
  }

  @Test
  void everyRecordedTrace_readsThroughPcscd() throws Exception {
    Optional<Path> dir = EmvTraceCard.corpusDirectory();
    assumeTrue(dir.isPresent(), "../shared/corpus/emv-traces is absent (outside CI): skipped");
    int read = 0;
    for (Path trace : EmvTraceCard.corpusTraces(dir.get())) {
      try (CardRead r = readThroughVpcd(EmvTraceCard.load(trace))) {
        assertThat(r.pan().isLuhnValid()).as(trace.toString()).isTrue();
        read++;
      }
    }
    assertThat(read).isGreaterThanOrEqualTo(7);
  }

  @Test
  void hostileCard_hugeLengthInRecord_givesAClearError() throws Exception {
    HexFormat hex = HexFormat.of();
    byte[] aid = hex.parseHex("A0000000031010");
    VirtualEmvCard hostile =
        VirtualEmvCard.builder("hostile")
            .select(aid, hex.parseHex("6F098407A00000000310109000"))
            .gpo(aid, hex.parseHex("8006000008010100" + "9000"))
            .record(aid, 1, 0x0C, hex.parseHex("70845A000000" + "5A08476173" + "9000"))
            .build();
    assertThatThrownBy(() -> readThroughVpcd(hostile))
        .isInstanceOfSatisfying(
            EmvException.class, e -> assertThat(e.code()).isEqualTo(EmvException.EMV_RESPONSE))
        .hasMessageContaining("READ RECORD SFI 1 record 1")
        .hasMessageContaining("byte offset 1")
        .hasMessageNotContaining("476173");
  }
}
