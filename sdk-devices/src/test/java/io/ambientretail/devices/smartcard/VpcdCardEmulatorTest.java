package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.devices.SmartCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs javax.smartcardio -> pcscd -> vpcd -> our emulator, for real. */
class VpcdCardEmulatorTest {
  private static final byte[] ATR = {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};

  /** A card that answers SELECT with its AID reversed, and anything else with 6D00. */
  static final class ReversingCard implements SmartCard {
    @Override
    public byte[] atr() {
      return ATR.clone();
    }

    @Override
    public byte[] process(byte[] c) {
      if (c.length >= 5 && c[1] == (byte) 0xA4 && c.length >= 5 + (c[4] & 0xFF)) {
        byte[] aid = Arrays.copyOfRange(c, 5, 5 + (c[4] & 0xFF));
        byte[] r = new byte[aid.length + 2];
        for (int i = 0; i < aid.length; i++) {
          r[i] = aid[aid.length - 1 - i];
        }
        r[aid.length] = (byte) 0x90;
        return r;
      }
      return new byte[] {0x6D, 0x00};
    }
  }

  @BeforeAll
  static void requirePcscdWithVpcd() {
    boolean listening = VpcdLock.vpcdListening();
    assumeTrue(listening, "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
    for (String lib :
        new String[] {
          "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
          "/usr/lib/libpcsclite.so.1"
        }) {
      if (Files.exists(Path.of(lib))) {
        System.setProperty("sun.security.smartcardio.library", lib);
        break;
      }
    }
  }

  @Test
  void insertedCard_answersApdusThroughPcscd() throws Exception {
    CardTerminal terminal =
        TerminalFactory.getDefault().terminals().list().stream()
            .filter(t -> t.getName().startsWith("Virtual PCD"))
            .findFirst()
            .orElseThrow();
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120));
        VpcdCardEmulator emulator =
            VpcdCardEmulator.insert(new ReversingCard(), VpcdCardEmulator.DEFAULT_ADDRESS)) {
      assertThat(terminal.waitForCardPresent(10_000)).isTrue();
      Card card = terminal.connect("*");
      try {
        assertThat(card.getATR().getBytes()).isEqualTo(ATR);
        CardChannel ch = card.getBasicChannel();
        ResponseAPDU r =
            ch.transmit(
                new CommandAPDU(0x00, 0xA4, 0x04, 0x00, new byte[] {1, 2, 3, 4, 5, 6, 7}, 256));
        assertThat(r.getSW()).isEqualTo(0x9000);
        assertThat(r.getData()).containsExactly(7, 6, 5, 4, 3, 2, 1);
        assertThat(ch.transmit(new CommandAPDU(0x80, 0xCA, 0x9F, 0x17)).getSW()).isEqualTo(0x6D00);
      } finally {
        card.disconnect(false);
      }
      assertThat(emulator.apduCount()).isGreaterThanOrEqualTo(2);
      assertThat(emulator.awaitPowerOn(Duration.ofSeconds(1))).isTrue();
      emulator.close();
      assertThat(terminal.waitForCardAbsent(10_000)).isTrue();
    }
  }
}
