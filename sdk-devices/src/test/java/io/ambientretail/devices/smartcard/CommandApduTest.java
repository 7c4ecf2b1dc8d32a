package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.devices.DeviceErrors;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The seven ISO 7816-3 §12.1.3 cases, short and extended, both ways. */
class CommandApduTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7 + 1);
    }
    return b;
  }

  @Test
  void encode_case1_headerOnly() {
    CommandApdu c = CommandApdu.of(0x00, 0x70, 0x00, 0x00, new byte[0], 0);
    assertThat(HEX.formatHex(c.encodeShort())).isEqualTo("00700000");
    assertThat(HEX.formatHex(c.encodeExtended())).isEqualTo("00700000");
  }

  @Test
  void encode_case2_ne256IsLe00_ne65536IsLe0000() {
    assertThat(HEX.formatHex(CommandApdu.of(0, 0xB0, 0, 0, new byte[0], 256).encode()))
        .isEqualTo("00B0000000");
    assertThat(HEX.formatHex(CommandApdu.of(0, 0xB0, 0, 0, new byte[0], 257).encode()))
        .isEqualTo("00B00000000101");
    assertThat(HEX.formatHex(CommandApdu.of(0, 0xB0, 0, 0, new byte[0], 65_536).encode()))
        .isEqualTo("00B00000000000");
  }

  @Test
  void encode_case3Extended_lcIs00ThenTwoBytes() {
    byte[] e = CommandApdu.of(0, 0xD6, 0, 0, bytes(300), 0).encode();
    assertThat(e).hasSize(4 + 3 + 300);
    assertThat(HEX.formatHex(e, 0, 7)).isEqualTo("00D6000000012C");
  }

  @Test
  void encode_case4Extended_leTwoBytesWithoutAnotherZero() {
    byte[] e = CommandApdu.of(0x80, 0x2A, 0x9E, 0x9A, bytes(256), 1000).encode();
    assertThat(e).hasSize(4 + 3 + 256 + 2);
    assertThat(HEX.formatHex(e, 0, 7)).isEqualTo("802A9E9A000100");
    assertThat(HEX.formatHex(e, e.length - 2, e.length)).isEqualTo("03E8");
  }

  @Test
  void encode_case4Short_leAfterData() {
    assertThat(
            HEX.formatHex(
                CommandApdu.of(0, 0xA4, 4, 0, HEX.parseHex("A0000000031010"), 256).encode()))
        .isEqualTo("00A4040007A000000003101000");
  }

  @Test
  void parse_everyCase_roundTrips() {
    for (String hex :
        new String[] {
          "00700000",
          "00B0000010",
          "00B0000000",
          "00B00000000101",
          "00B00000000000",
          "00D60000020102",
          "00D6000002010203"
        }) {
      CommandApdu c = CommandApdu.parse(HEX.parseHex(hex));
      byte[] again =
          CommandApdu.isExtendedEncoding(HEX.parseHex(hex)) ? c.encodeExtended() : c.encodeShort();
      assertThat(HEX.formatHex(again)).isEqualTo(hex);
    }
    CommandApdu e4 = CommandApdu.parse(CommandApdu.of(0, 0xD6, 1, 2, bytes(700), 65_536).encode());
    assertThat(e4.nc()).isEqualTo(700);
    assertThat(e4.ne()).isEqualTo(65_536);
    assertThat(e4.data()).isEqualTo(bytes(700));
  }

  @Test
  void parse_shortLcDisagreesWithLength_failsAtLcOffset() {
    assertThatThrownBy(() -> CommandApdu.parse(HEX.parseHex("00D600000501")))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("offset 4")
        .satisfies(
            e -> assertThat(((CardFormatException) e).code()).isEqualTo(DeviceErrors.APDU_SYNTAX));
  }

  @Test
  void parse_extendedLcPastEnd_fails() {
    assertThatThrownBy(() -> CommandApdu.parse(HEX.parseHex("00D60000000005010203")))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("extended Lc 5");
  }

  @Test
  void parse_sixBytesWithZeroLc_fails() {
    assertThatThrownBy(() -> CommandApdu.parse(HEX.parseHex("00D6000000FF")))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("cut short");
  }

  @Test
  void parse_extendedLc0000WithData_fails() {
    assertThatThrownBy(() -> CommandApdu.parse(HEX.parseHex("00D60000000000AA")))
        .isInstanceOf(CardFormatException.class)
        .hasMessageContaining("0000");
  }

  @Test
  void of_outOfRange_rejected() {
    assertThatThrownBy(() -> CommandApdu.of(0, 0, 0, 0, new byte[65_536], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandApdu.of(0, 0, 0, 0, new byte[0], 65_537))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandApdu.of(256, 0, 0, 0, new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommandApdu.of(0, 0, 0, 0, bytes(256), 0).encodeShort())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toString_showsLengthsNotData() {
    assertThat(CommandApdu.of(0, 0xB0, 0, 0, HEX.parseHex("4761739001010119"), 0).toString())
        .contains("Nc=8")
        .doesNotContain("47617390");
  }
}
