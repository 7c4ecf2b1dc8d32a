package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.CardEvent;
import io.ambientretail.devices.SmartCard;
import io.ambientretail.devices.transport.EventRecorder;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CardReader over jnasmartcardio -> pcscd -> vpcd -> our emulator, for real. */
class CardReaderVpcdTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final byte[] ATR = {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};

  /** Answers READ RECORD with 8 bytes through 61xx, and GET DATA only with the right Le (6Cxx). */
  static final class ChainingCard implements SmartCard {
    private boolean pending;

    @Override
    public byte[] atr() {
      return ATR.clone();
    }

    @Override
    public byte[] process(byte[] c) {
      if (c[1] == (byte) 0xB2) {
        pending = true;
        return new byte[] {1, 2, 3, 4, 0x61, 0x04};
      }
      if (c[1] == (byte) 0xC0 && pending) {
        pending = false;
        return new byte[] {5, 6, 7, 8, (byte) 0x90, 0x00};
      }
      if (c[1] == (byte) 0xCA) {
        int le = c.length == 5 ? c[4] & 0xFF : -1;
        return le == 3 ? new byte[] {9, 9, 9, (byte) 0x90, 0} : new byte[] {0x6C, 0x03};
      }
      return new byte[] {0x6D, 0x00};
    }
  }

  @BeforeAll
  static void requirePcscdWithVpcd() {
    boolean listening = VpcdLock.vpcdListening();
    assumeTrue(listening, "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
  }

  @Test
  void insertConnectTransmitRemove() throws Exception {
    try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(120));
        CardReader reader =
            CardReader.builder(DeviceId.of("card-1"), ReaderPattern.of("Virtual PCD*")).build()) {
      EventRecorder rec = new EventRecorder();
      reader.addListener(rec);
      reader.open();
      reader.claim(WAIT);
      reader.enable();
      assertThat(reader.readerName()).startsWith("Virtual PCD");
      assertThat(PcscService.create().readers()).contains(reader.readerName());
      try (VpcdCardEmulator emulator =
          VpcdCardEmulator.insert(new ChainingCard(), VpcdCardEmulator.DEFAULT_ADDRESS)) {
        CardEvent in = rec.await(CardEvent.class, CardEvent::present, WAIT);
        assertThat(in.atr()).isEqualTo(ATR);
        try (CardSession s = reader.connect("*")) {
          assertThat(s.protocol()).isIn("T=0", "T=1");
          byte[] rr = s.channel().transmit(HexFormat.of().parseHex("00B2010C00"));
          assertThat(rr).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 0x90, 0x00);
          byte[] gd = s.channel().transmit(HexFormat.of().parseHex("80CA9F1700"));
          assertThat(Arrays.copyOfRange(gd, 0, 3)).containsExactly(9, 9, 9);
        }
      }
      rec.await(CardEvent.class, e -> !e.present(), WAIT);
    }
  }
}
