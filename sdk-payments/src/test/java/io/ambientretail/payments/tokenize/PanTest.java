package io.ambientretail.payments.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PanTest {
  private static final String VISA = "4761739001010119"; // published EMV test card

  @Test
  void toStringAndMasked_showOnlyFirst6AndLast4() {
    try (Pan pan = Pan.parse(VISA)) {
      assertThat(pan.masked()).isEqualTo("476173******0119");
      assertThat(pan.toString()).isEqualTo("Pan[476173******0119]").doesNotContain(VISA);
      assertThat(pan.prefix(8)).isEqualTo("47617390");
      assertThat(pan.last4()).isEqualTo("0119");
      assertThat(pan.isLuhnValid()).isTrue();
      assertThat(String.valueOf(pan)).doesNotContain("9001");
    }
  }

  @Test
  void revealDigits_isTheOneWayOut() {
    try (Pan pan = Pan.parse(VISA)) {
      assertThat(pan.revealDigits("unit test of the audited call")).isEqualTo(VISA);
    }
  }

  @Test
  void close_wipesAndBlocksUse() {
    Pan pan = Pan.parse(VISA);
    pan.close();
    assertThat(pan.isClosed()).isTrue();
    assertThat(pan.toString()).isEqualTo("Pan[closed]");
    assertThatThrownBy(pan::masked).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> pan.revealDigits("x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void equals_comparesDigits() {
    try (Pan a = Pan.parse(VISA);
        Pan b = Pan.parse(VISA);
        Pan c = Pan.parse("4761739001010127")) {
      assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    }
  }

  @Test
  void fromBcd_stripsPadding_andRejectsBadNibbles() {
    try (Pan pan = Pan.fromBcd(HexFormat.of().parseHex("5413330089020011FF"), 0, 9)) {
      assertThat(pan.masked()).isEqualTo("541333******0011");
    }
    try (Pan odd = Pan.fromBcd(HexFormat.of().parseHex("374245001751006F"), 0, 8)) {
      assertThat(odd.length()).isEqualTo(15);
    }
    assertThatThrownBy(() -> Pan.fromBcd(HexFormat.of().parseHex("47617390A1010119"), 0, 8))
        .isInstanceOf(TokenizationException.class)
        .hasMessageContaining("digit 8")
        .hasMessageNotContaining("4761");
    assertThatThrownBy(() -> Pan.fromBcd(HexFormat.of().parseHex("4761F39001010119"), 0, 8))
        .isInstanceOf(TokenizationException.class);
  }

  @Test
  void parse_errorsNeverEchoDigits() {
    assertThatThrownBy(() -> Pan.parse("47617390010101x9"))
        .isInstanceOfSatisfying(
            TokenizationException.class,
            e -> assertThat(e.code()).isEqualTo(TokenizationException.PAN_FORMAT))
        .hasMessageContaining("position 14")
        .hasMessageNotContaining("47617390");
    assertThatThrownBy(() -> Pan.parse("47617390"))
        .isInstanceOf(TokenizationException.class)
        .hasMessageContaining("8 digits");
  }

  @Test
  void masked_neverShowsMoreThanPciDssAllows_forEveryLength() {
    String[][] cases = {
      {"4761739001010119", "476173******0119"},
      {"371449635398431", "371449*****8431"},
      {"4000000000006", "4000*****0006"},
      {"400000000006", "400*****0006"},
      {"4761739001010119003", "476173*********9003"}
    };
    for (String[] c : cases) {
      try (Pan pan = Pan.parse(c[0])) {
        assertThat(pan.masked()).as(c[0]).isEqualTo(c[1]);
      }
    }
    for (int n = Pan.MIN_LENGTH; n <= Pan.MAX_LENGTH; n++) {
      String m = Pan.mask("1".repeat(n));
      long shown = m.chars().filter(ch -> ch != '*').count();
      assertThat(shown).as("%d digits", n).isLessThanOrEqualTo(10);
      assertThat(n - shown).as("%d digits", n).isGreaterThanOrEqualTo(Pan.MIN_HIDDEN);
      assertThat(m).as("%d digits", n).endsWith("1111");
    }
  }
}
