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
    assertThatThrownBy(() -> Iso7816Channel.over(new Scripted(answers))
        .transmit(HEX.parseHex("00B2010C00"))).isInstanceOf(IOException.class)
        .hasMessageContaining("64 exchanges");
  }

  @Test
  void transmit_oneByteAnswer_fails() {
    assertThatThrownBy(() -> Iso7816Channel.over(new Scripted("90"))
        .transmit(HEX.parseHex("00A4040000"))).isInstanceOf(IOException.class);
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
