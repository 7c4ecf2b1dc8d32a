package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.CardEvent;
import io.ambientretail.devices.SmartCard;
import io.ambientretail.devices.transport.EventRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Extended-length APDUs for real: javax.smartcardio (jnasmartcardio) -> pcscd -> vpcd -> a card
 * emulator whose ATR announces extended Lc/Le fields (or not) in its card capabilities.
 */
class ExtendedLengthVpcdTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  /** Answers UPDATE BINARY-like commands with Ne bytes of a pattern, recording what it got. */
  static final class LongCard implements SmartCard {
    final List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
    private final byte[] atr;

    LongCard(String historicalHex) {
      this.atr = AtrTest.t1Atr(historicalHex);
    }

    @Override
    public byte[] atr() {
      return atr.clone();
    }

    @Override
    public byte[] process(byte[] command) {
      received.add(command.clone());
      CommandApdu c;
      try {
        c = CommandApdu.parse(command);
      } catch (CardFormatException e) {
        return new byte[] {0x67, 0x00};
      }
      byte[] out = new byte[c.ne() + 2];
      byte sum = 0;
      for (byte b : c.data()) {
        sum += b;
      }
      for (int i = 0; i < c.ne(); i++) {
        out[i] = (byte) (i + sum);
      }
      out[c.ne()] = (byte) 0x90;
      return out;
    }
  }

  @BeforeAll
  static void requirePcscdWithVpcd() {
    assumeTrue(
        VpcdLock.vpcdListening(),
        "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
  }

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 3);
    }
    return b;
  }

  private static byte[] session(LongCard card, SessionCheck check) throws Exception {
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120));
        CardReader reader =
            CardReader.builder(DeviceId.of("card-ext"), ReaderPattern.of("Virtual PCD*")).build()) {
      EventRecorder rec = new EventRecorder();
      reader.addListener(rec);
      reader.open();
      reader.claim(WAIT);
      reader.enable();
      try (VpcdCardEmulator emulator =
          VpcdCardEmulator.insert(card, VpcdCardEmulator.DEFAULT_ADDRESS)) {
        rec.await(CardEvent.class, CardEvent::present, WAIT);
        try (CardSession s = reader.connect("T=1")) {
          return check.run(s);
        }
      }
    }
  }

  interface SessionCheck {
    byte[] run(CardSession s) throws Exception;
  }

  @Test
  void extendedCard_case4E_reachesTheCardAsOneExtendedApdu() throws Exception {
    LongCard card = new LongCard("8073C021C0"); // chaining and extended length
    byte[] payload = data(1000);
    byte[] r =
        session(
            card,
            s -> {
              assertThat(s.capabilities().extendedLength()).isTrue();
              assertThat(s.extendedLength()).isTrue();
              return s.transmit(CommandApdu.of(0x00, 0xD6, 0x00, 0x00, payload, 3000));
            });
    byte[] sent = card.received.stream().filter(c -> c[1] == (byte) 0xD6).findFirst().orElseThrow();
    assertThat(sent).hasSize(4 + 3 + 1000 + 2);
    assertThat(Arrays.copyOfRange(sent, 4, 7)).containsExactly(0x00, 0x03, 0xE8);
    assertThat(Arrays.copyOfRange(sent, 7, 1007)).isEqualTo(payload);
    assertThat(Arrays.copyOfRange(sent, 1007, 1009)).containsExactly(0x0B, 0xB8);
    assertThat(r).hasSize(3000 + 2);
    byte sum = 0;
    for (byte b : payload) {
      sum += b;
    }
    assertThat(r[2999]).isEqualTo((byte) (2999 + sum));
    assertThat(Arrays.copyOfRange(r, 3000, 3002)).containsExactly(0x90, 0x00);
  }

  @Test
  void shortOnlyCard_longCommand_failsTypedAndSendsNothing() throws Exception {
    LongCard card = new LongCard("8073000000"); // capabilities announced: neither
    session(
        card,
        s -> {
          assertThat(s.extendedLength()).isFalse();
          assertThatThrownBy(() -> s.transmit(CommandApdu.of(0, 0xD6, 0, 0, data(300), 0)))
              .isInstanceOf(ApduLengthException.class)
              .hasMessageContaining("Nc=300");
          return new byte[0];
        });
    assertThat(card.received).noneMatch(c -> c[1] == (byte) 0xD6);
  }

  @Test
  void chainingOnlyCard_longCommand_arrivesInChainedPieces() throws Exception {
    LongCard card = new LongCard("8073000080");
    byte[] r = session(card, s -> s.transmit(CommandApdu.of(0, 0xD6, 0, 0, data(600), 16)));
    List<byte[]> pieces = card.received.stream().filter(c -> c[1] == (byte) 0xD6).toList();
    assertThat(pieces).hasSize(3);
    assertThat(pieces.get(0)[0]).isEqualTo((byte) 0x10);
    assertThat(pieces.get(2)[0]).isEqualTo((byte) 0x00);
    assertThat(pieces.get(2)).hasSize(5 + 90 + 1);
    assertThat(r).hasSize(16 + 2);
  }
}
