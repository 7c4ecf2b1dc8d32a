package io.ambientretail.payments.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlvReaderTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static List<String> walk(byte[] data) {
    List<String> out = new ArrayList<>();
    TlvReader r = TlvReader.of(data);
    while (r.next()) {
      out.add(
          r.depth() + ":" + EmvTags.hex(r.tag()) + "@" + r.valueOffset() + "+" + r.valueLength());
    }
    return out;
  }

  @Test
  void next_walksTemplatesDepthFirst_withMultiByteTags() {
    // 6F { 84 (7) A5 { 50 (4) 9F38 (3) BF0C { 61 { 4F (2) } } } }
    byte[] fci =
        TlvBuilder.create()
            .begin(0x6F)
            .add(0x84, hex("A0000000031010"))
            .begin(0xA5)
            .add(0x50, hex("56495341"))
            .add(0x9F38, hex("9F6604"))
            .begin(0xBF0C)
            .begin(0x61)
            .add(0x4F, hex("A000"))
            .end()
            .end()
            .end()
            .end()
            .build();
    assertThat(walk(fci))
        .containsExactly(
            "1:6F@2+32",
            "2:84@4+7",
            "2:A5@13+21",
            "3:50@15+4",
            "3:9F38@22+3",
            "3:BF0C@28+6",
            "4:61@30+4",
            "5:4F@32+2");
  }

  @Test
  void next_skipsZeroAndFfPaddingBetweenObjects() {
    byte[] data = hex("00 5A 01 11 FF FF 00 70 04 00 57 01 22 00 00");
    assertThat(walk(data)).containsExactly("1:5A@3+1", "1:70@9+4", "2:57@12+1");
  }

  @Test
  void next_longFormLengths() {
    byte[] value = new byte[300];
    byte[] data = TlvBuilder.create().add(0x9F46, value).add(0x90, new byte[0x90]).build();
    assertThat(data[2]).isEqualTo((byte) 0x82);
    assertThat(walk(data)).containsExactly("1:9F46@5+300", "1:90@308+144");
  }

  @Test
  void parse_lengthPastEnd_failsNamingTheOffset() {
    assertThatThrownBy(() -> walk(hex("70 09 5A 01 11")))
        .isInstanceOfSatisfying(
            TlvException.class,
            e -> {
              assertThat(e.code()).isEqualTo(TlvException.TLV_LENGTH_PAST_END);
              assertThat(e.offset()).isEqualTo(1);
            })
        .hasMessageContaining("tag 70")
        .hasMessageContaining("byte offset 1");
  }

  @Test
  void parse_childPastItsTemplate_fails() {
    // 70 has 3 bytes, but its child 5A claims 2 after a 2-byte header: ends past the template.
    assertThatThrownBy(() -> walk(hex("70 03 5A 02 11 22 33")))
        .isInstanceOfSatisfying(
            TlvException.class,
            e -> {
              assertThat(e.code()).isEqualTo(TlvException.TLV_LENGTH_PAST_END);
              assertThat(e.offset()).isEqualTo(3);
            });
  }

  @Test
  void parse_indefiniteLength_fails() {
    assertThatThrownBy(() -> walk(hex("70 80 5A 01 11 00 00")))
        .isInstanceOfSatisfying(
            TlvException.class,
            e -> assertThat(e.code()).isEqualTo(TlvException.TLV_INDEFINITE_LENGTH));
  }

  @Test
  void parse_hugeLength_failsWithoutAllocating() {
    assertThatThrownBy(() -> walk(hex("5A 84 7F FF FF FF 00")))
        .isInstanceOfSatisfying(
            TlvException.class,
            e -> {
              assertThat(e.code()).isEqualTo(TlvException.TLV_LENGTH_TOO_LARGE);
              assertThat(e.offset()).isEqualTo(1);
            });
    assertThatThrownBy(() -> walk(hex("5A 85 01 00 00 00 00")))
        .isInstanceOfSatisfying(
            TlvException.class,
            e -> assertThat(e.code()).isEqualTo(TlvException.TLV_LENGTH_TOO_LARGE));
  }

  @Test
  void parse_deepNesting_failsAtTheLimit() {
    TlvBuilder b = TlvBuilder.create();
    for (int i = 0; i < 100; i++) {
      b.begin(0x70);
    }
    b.add(0x5A, new byte[1]);
    for (int i = 0; i < 100; i++) {
      b.end();
    }
    byte[] deep = b.build();
    assertThatThrownBy(() -> walk(deep))
        .isInstanceOfSatisfying(
            TlvException.class,
            e -> {
              assertThat(e.code()).isEqualTo(TlvException.TLV_TOO_DEEP);
              assertThat(e.getMessage()).contains("8 levels");
            });
  }

  @Test
  void parse_truncatedTagAndLength_fail() {
    assertThatThrownBy(() -> walk(hex("9F")))
        .isInstanceOfSatisfying(
            TlvException.class, e -> assertThat(e.code()).isEqualTo(TlvException.TLV_TRUNCATED));
    assertThatThrownBy(() -> walk(hex("5A")))
        .isInstanceOfSatisfying(
            TlvException.class, e -> assertThat(e.code()).isEqualTo(TlvException.TLV_TRUNCATED));
    assertThatThrownBy(() -> walk(hex("5A 82 01")))
        .isInstanceOfSatisfying(
            TlvException.class, e -> assertThat(e.code()).isEqualTo(TlvException.TLV_TRUNCATED));
    assertThatThrownBy(() -> walk(hex("9F 81 82 83 84 01 00")))
        .isInstanceOfSatisfying(
            TlvException.class, e -> assertThat(e.code()).isEqualTo(TlvException.TLV_TAG_TOO_LONG));
  }

  @Test
  void parse_tooManyObjects_fails() {
    TlvLimits limits = TlvLimits.builder().maxObjects(3).build();
    byte[] data = hex("5A 00 5A 00 5A 00 5A 00");
    TlvReader r = TlvReader.of(data, 0, data.length, limits);
    assertThatThrownBy(
            () -> {
              while (r.next()) {
                // walk
              }
            })
        .isInstanceOfSatisfying(
            TlvException.class,
            e -> {
              assertThat(e.code()).isEqualTo(TlvException.TLV_TOO_MANY);
              assertThat(e.offset()).isEqualTo(6);
            });
  }

  @Test
  void errorMessages_neverContainValueBytes() {
    byte[] data = hex("5A 08 47 61 73 00 00 00 01 19 57 20 47");
    assertThatThrownBy(() -> walk(data))
        .isInstanceOf(TlvException.class)
        .hasMessageNotContaining("4761");
  }

  @Test
  void tree_roundTripsThroughBuilder_andToStringHidesValues() {
    byte[] record = hex("70 0E 5A 08 47 61 73 00 00 00 01 19 5F 34 01 01");
    List<Tlv> top = Tlv.parseAll(record, TlvLimits.defaults());
    assertThat(top).hasSize(1);
    Tlv t = top.get(0);
    assertThat(t.children()).extracting(Tlv::tag).containsExactly(0x5A, 0x5F34);
    assertThat(t.find(0x5F34).value()).containsExactly(1);
    assertThat(t.encode()).isEqualTo(record);
    assertThat(Tlv.constructed(0x70, t.children())).isEqualTo(t);
    assertThat(t.find(0x5A).toString()).contains("Application PAN").doesNotContain("4761");
  }

  @Test
  void builder_rejectsMalformedTagsAndOpenTemplates() {
    assertThatThrownBy(() -> TlvBuilder.create().add(0x9F, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlvBuilder.create().add(0x00, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlvBuilder.create().begin(0x70).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void emvTags_namesAndSensitivity() {
    assertThat(EmvTags.name(0x9F37)).isEqualTo("Unpredictable Number");
    assertThat(EmvTags.name(0xDF01)).isEqualTo("Unknown tag");
    assertThat(EmvTags.isSensitive(0x57)).isTrue();
    assertThat(EmvTags.isSensitive(0x9F37)).isFalse();
    assertThat(EmvTags.hex(0x5A)).isEqualTo("5A");
  }
}
