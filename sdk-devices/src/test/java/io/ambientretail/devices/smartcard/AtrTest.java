package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AtrTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** An ATR offering T=1 only with these historical bytes, TCK computed. */
  static byte[] t1Atr(String historicalHex) {
    byte[] h = HEX.parseHex(historicalHex);
    byte[] atr = new byte[3 + h.length + 1];
    atr[0] = 0x3B;
    atr[1] = (byte) (0x80 | h.length);
    atr[2] = 0x01;
    System.arraycopy(h, 0, atr, 3, h.length);
    byte tck = 0;
    for (int i = 1; i < atr.length - 1; i++) {
      tck ^= atr[i];
    }
    atr[atr.length - 1] = tck;
    return atr;
  }

  @Test
  void parse_cardCapabilitiesThirdByte_extendedAndChaining() {
    Atr atr = Atr.parse(t1Atr("8073C021C0"));
    assertThat(HEX.formatHex(atr.bytes())).isEqualTo("3B85018073C021C056");
    assertThat(atr.protocols()).containsExactly(1);
    assertThat(HEX.formatHex(atr.historicalBytes())).isEqualTo("8073C021C0");
    assertThat(atr.capabilities().extendedLength()).isTrue();
    assertThat(atr.capabilities().commandChaining()).isTrue();
    assertThat(atr.capabilities().announced()).isTrue();
  }

  @Test
  void parse_eachBitOnItsOwn() {
    CardCapabilities ext = Atr.parse(t1Atr("8073000040")).capabilities();
    assertThat(ext.extendedLength()).isTrue();
    assertThat(ext.commandChaining()).isFalse();
    CardCapabilities chain = Atr.parse(t1Atr("8073000080")).capabilities();
    assertThat(chain.extendedLength()).isFalse();
    assertThat(chain.commandChaining()).isTrue();
    CardCapabilities neither = Atr.parse(t1Atr("807300003F")).capabilities();
    assertThat(neither.extendedLength()).isFalse();
    assertThat(neither.commandChaining()).isFalse();
    assertThat(neither.announced()).isTrue();
  }

  @Test
  void parse_capabilitiesAfterOtherObjects_andCategory00WithStatusIndicator() {
    // 31 C0 (card service data), 73 xx xx 40, then the 3-byte status indicator 00 90 00.
    CardCapabilities c = Atr.parse(t1Atr("0031C0730000400090 00".replace(" ", ""))).capabilities();
    assertThat(c.extendedLength()).isTrue();
  }

  @Test
  void parse_capabilitiesWithFewerThanThreeBytes_announceNothing() {
    assertThat(Atr.parse(t1Atr("80720000")).capabilities()).isEqualTo(CardCapabilities.NONE);
    assertThat(Atr.parse(t1Atr("8079")).capabilities().announced()).isFalse(); // length past end
  }

  @Test
  void parse_t0AndT1Atr_noHistoricalBytes() {
    Atr atr = Atr.parse(HEX.parseHex("3B80800101"));
    assertThat(atr.protocols()).containsExactly(0, 1);
    assertThat(atr.historicalBytes()).isEmpty();
    assertThat(atr.capabilities()).isEqualTo(CardCapabilities.NONE);
  }

  @Test
  void parse_t0OnlyWithTa1AndHistoricalBytes_noTck() {
    // TS, T0 = 1 0011: TA1 present, 3 historical bytes; T=0 implied; no TCK.
    Atr atr = Atr.parse(HEX.parseHex("3B1396804100"));
    assertThat(atr.protocols()).containsExactly(0);
    assertThat(HEX.formatHex(atr.historicalBytes())).isEqualTo("804100");
  }

  @Test
  void parse_badTs_fails() {
    assertThatThrownBy(() -> Atr.parse(HEX.parseHex("3A00")))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("offset 0");
  }

  @Test
  void parse_interfaceBytesPastEnd_fails() {
    assertThatThrownBy(() -> Atr.parse(HEX.parseHex("3BF0")))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("past the end");
  }

  @Test
  void parse_historicalBytesMissing_fails() {
    assertThatThrownBy(() -> Atr.parse(HEX.parseHex("3B0580")))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("5 historical bytes");
  }

  @Test
  void parse_missingTckOrTrailingBytes_fails() {
    assertThatThrownBy(() -> Atr.parse(HEX.parseHex("3B8001")))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("with TCK");
    assertThatThrownBy(() -> Atr.parse(HEX.parseHex("3B00FF")))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("should end at 2");
  }

  @Test
  void parse_longerThan33Bytes_fails() {
    assertThatThrownBy(() -> Atr.parse(new byte[34]))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("at most 33");
  }
}
