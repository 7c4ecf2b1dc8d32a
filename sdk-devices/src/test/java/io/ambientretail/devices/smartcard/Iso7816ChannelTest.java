package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Iso7816ChannelTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  /** A raw channel that answers from a script and records what it saw. */
  static final class Scripted implements io.ambientretail.devices.ApduChannel {
    final List<String> seen = new ArrayList<>();
    final List<String> answers;

    Scripted(String... answers) {
      this.answers = new ArrayList<>(List.of(answers));
    }

    @Override
    public byte[] transmit(byte[] command) {
      seen.add(HEX.formatHex(command));
      return HEX.parseHex(answers.remove(0));
    }
  }

  @Test
  void transmit_61xx_getResponseChainedAndConcatenated() throws IOException {
    Scripted raw = new Scripted("AABB6104", "CCDDEEFF6102", "11229000");
    byte[] r = Iso7816Channel.over(raw).transmit(HEX.parseHex("00B2010C00"));
    assertThat(HEX.formatHex(r)).isEqualTo("AABBCCDDEEFF11229000");
    assertThat(raw.seen).containsExactly("00B2010C00", "00C0000004", "00C0000002");
  }

  @Test
  void transmit_6Cxx_resentWithLe() throws IOException {
    Scripted raw = new Scripted("6C1C", "01020304" + "9000");
    byte[] r = Iso7816Channel.over(raw).transmit(HEX.parseHex("00B2011400"));
    assertThat(HEX.formatHex(r)).isEqualTo("010203049000");
    assertThat(raw.seen).containsExactly("00B2011400", "00B201141C");
  }

  @Test
  void transmit_case3Command_6CxxAppendsLe() throws IOException {
    Scripted raw = new Scripted("6C10", "9000");
    Iso7816Channel.over(raw).transmit(HEX.parseHex("80A80000028300"));
    assertThat(raw.seen.get(1)).isEqualTo("80A8000002830010");
  }

  @Test
  void transmit_endless61xx_stopsWithError() {
    String[] answers = new String[100];
    java.util.Arrays.fill(answers, "006101");
    assertThatThrownBy(
            () -> Iso7816Channel.over(new Scripted(answers)).transmit(HEX.parseHex("00B2010C00")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("64 exchanges");
  }

  @Test
  void transmit_oneByteAnswer_fails() {
    assertThatThrownBy(
            () -> Iso7816Channel.over(new Scripted("90")).transmit(HEX.parseHex("00A4040000")))
        .isInstanceOf(IOException.class);
  }

  private static final CardCapabilities EXTENDED = CardCapabilities.of(true, false);
  private static final CardCapabilities CHAINING = CardCapabilities.of(false, true);

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  @Test
  void transmit_longCommand_extendedWhenCardAndReaderSupportIt() throws IOException {
    Scripted raw = new Scripted("AA9000");
    CommandApdu c = CommandApdu.of(0x00, 0xD6, 0, 0, data(300), 1000);
    byte[] r = Iso7816Channel.over(raw, EXTENDED, true).transmit(c);
    assertThat(HEX.formatHex(r)).isEqualTo("AA9000");
    assertThat(raw.seen.get(0))
        .startsWith("00D60000" + "00012C")
        .endsWith("03E8")
        .hasSize(2 * (4 + 3 + 300 + 2));
  }

  @Test
  void transmit_shortEnoughCommand_staysShortEvenIfExtendedSupported() throws IOException {
    Scripted raw = new Scripted("9000");
    Iso7816Channel.over(raw, EXTENDED, true).transmit(CommandApdu.of(0, 0xA4, 4, 0, data(7), 256));
    assertThat(raw.seen).containsExactly("00A40400070001020304050600");
  }

  @Test
  void transmit_cardWithoutExtendedOrChaining_failsTypedBeforeSending() {
    Scripted raw = new Scripted();
    assertThatThrownBy(
            () ->
                Iso7816Channel.over(raw, CardCapabilities.NONE, true)
                    .transmit(CommandApdu.of(0, 0xD6, 0, 0, data(256), 0)))
        .isInstanceOf(ApduLengthException.class)
        .hasMessageContaining("Nc=256")
        .hasMessageContaining("does not announce")
        .satisfies(e -> assertThat(((ApduLengthException) e).nc()).isEqualTo(256));
    assertThat(raw.seen).isEmpty();
  }

  @Test
  void transmit_extendedCardOverT0Reader_failsTypedNamingTheReader() {
    Scripted raw = new Scripted();
    assertThatThrownBy(
            () ->
                Iso7816Channel.over(raw, EXTENDED, false)
                    .transmit(CommandApdu.of(0, 0xD6, 0, 0, data(400), 0)))
        .isInstanceOf(ApduLengthException.class)
        .hasMessageContaining("reader or protocol");
    assertThat(raw.seen).isEmpty();
  }

  @Test
  void transmit_extendedBytesToShortOnlyCard_failsTyped() {
    byte[] encoded = CommandApdu.of(0, 0xD6, 0, 0, data(300), 0).encode();
    assertThatThrownBy(
            () ->
                Iso7816Channel.over(new Scripted(), CardCapabilities.NONE, true).transmit(encoded))
        .isInstanceOf(ApduLengthException.class);
  }

  @Test
  void transmit_chainingCard_splitsDataIn255BytePiecesWithClaBit() throws IOException {
    Scripted raw = new Scripted("9000", "9000", "BEEF9000");
    byte[] r =
        Iso7816Channel.over(raw, CHAINING, true)
            .transmit(CommandApdu.of(0x00, 0xDB, 0x3F, 0xFF, data(600), 256));
    assertThat(HEX.formatHex(r)).isEqualTo("BEEF9000");
    assertThat(raw.seen).hasSize(3);
    assertThat(raw.seen.get(0)).startsWith("10DB3FFFFF0001").hasSize(2 * (5 + 255));
    assertThat(raw.seen.get(1)).startsWith("10DB3FFFFF").hasSize(2 * (5 + 255));
    assertThat(raw.seen.get(2)).startsWith("00DB3FFF5A").endsWith("00").hasSize(2 * (5 + 90 + 1));
  }

  @Test
  void transmit_chainRefusedMidway_returnsTheCardsStatusWord() throws IOException {
    Scripted raw = new Scripted("6884");
    byte[] r =
        Iso7816Channel.over(raw, CHAINING, true)
            .transmit(CommandApdu.of(0x00, 0xDB, 0x3F, 0xFF, data(600), 0));
    assertThat(HEX.formatHex(r)).isEqualTo("6884");
    assertThat(raw.seen).hasSize(1);
  }

  @Test
  void transmit_longNeOnShortCard_asksFor256AndCollects61xx() throws IOException {
    Scripted raw = new Scripted("01" + "6110", "02" + "9000");
    byte[] r =
        Iso7816Channel.over(raw, CardCapabilities.NONE, true)
            .transmit(CommandApdu.of(0, 0xB0, 0, 0, new byte[0], 4096));
    assertThat(HEX.formatHex(r)).isEqualTo("01029000");
    assertThat(raw.seen).containsExactly("00B0000000", "00C0000010");
  }

  @Test
  void transmit_extended6Cxx_resentWithNewNe() throws IOException {
    Scripted raw = new Scripted("6C20", "9000");
    Iso7816Channel.over(raw, EXTENDED, true)
        .transmit(CommandApdu.of(0, 0xCA, 0, 0, data(300), 2000));
    assertThat(raw.seen.get(1)).startsWith("00CA000000012C").endsWith("0020");
  }

  @Test
  void transmit_passThroughChannel_sendsExtendedBytesUnchanged() throws IOException {
    Scripted raw = new Scripted("9000");
    byte[] encoded = CommandApdu.of(0, 0xD6, 0, 0, data(300), 0).encode();
    Iso7816Channel.over(raw).transmit(encoded);
    assertThat(raw.seen).containsExactly(HEX.formatHex(encoded));
  }

  @Test
  void readerPattern_globCaseInsensitive() {
    assertThat(ReaderPattern.of("virtual pcd*").matches("Virtual PCD 00 00")).isTrue();
    assertThat(ReaderPattern.of("*Contactless?").matches("ACS Contactless1")).isTrue();
    assertThat(ReaderPattern.of("ACS").matches("ACS ACR122")).isFalse();
    assertThat(ReaderPattern.of("").matches("anything")).isTrue();
    assertThat(ReaderPattern.of("a.b").matches("axb")).isFalse();
  }
}
