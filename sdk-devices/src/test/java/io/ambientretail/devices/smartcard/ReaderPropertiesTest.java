package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** PC/SC part 10 answers as a CCID reader driver gives them, and broken ones. */
class ReaderPropertiesTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void featureControlCode_findsGetTlvProperties() {
    // FEATURE_VERIFY_PIN_DIRECT (06) then FEATURE_GET_TLV_PROPERTIES (12), big-endian codes
    byte[] features = HEX.parseHex("0604" + "42330006" + "1204" + "42330012");
    assertThat(CardSession.featureControlCode(features, 0x12)).isEqualTo(0x42330012);
    assertThat(CardSession.featureControlCode(features, 0x13)).isEqualTo(-1);
  }

  @Test
  void featureControlCode_truncatedOrWrongLength_notFound() {
    assertThat(CardSession.featureControlCode(HEX.parseHex("120442"), 0x12)).isEqualTo(-1);
    assertThat(CardSession.featureControlCode(HEX.parseHex("12024233"), 0x12)).isEqualTo(-1);
    assertThat(CardSession.featureControlCode(new byte[0], 0x12)).isEqualTo(-1);
  }

  @Test
  void maxApduDataSize_littleEndianAfterOtherProperties() {
    // wLcdLayout (01, 2 bytes), bMaxPINSize (07, 1 byte), dwMaxAPDUDataSize (0A) = 0x00010000
    byte[] props = HEX.parseHex("01020000" + "070108" + "0A0400000100");
    assertThat(CardSession.maxApduDataSize(props)).hasValue(65_536);
    assertThat(CardSession.maxApduDataSize(HEX.parseHex("0A0400000000"))).hasValue(0);
  }

  @Test
  void maxApduDataSize_absentTruncatedOrNegative_empty() {
    assertThat(CardSession.maxApduDataSize(HEX.parseHex("070108"))).isEmpty();
    assertThat(CardSession.maxApduDataSize(HEX.parseHex("0A040000"))).isEmpty();
    assertThat(CardSession.maxApduDataSize(HEX.parseHex("0A04FFFFFFFF"))).isEmpty();
  }
}
