package io.ambientretail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtinTest {
  // Real barcodes: GS1's example EAN-13, a STABILO pen, a UPC-A, an EAN-8, an ISBN-13 and GS1's
  // GTIN-14 examples.
  @ParameterizedTest
  @CsvSource({
    "5012345678900, 05012345678900, 5012345678900",
    "4006381333931, 04006381333931, 4006381333931",
    "036000291452, 00036000291452, 036000291452",
    "96385074, 00000096385074, 96385074",
    "40170725, 00000040170725, 40170725",
    "9780306406157, 09780306406157, 9780306406157",
    "10012345678902, 10012345678902, 10012345678902",
    "00012345678905, 00012345678905, 012345678905"
  })
  void parse_realBarcodes_normalisesTo14(String code, String digits14, String shortest) {
    Gtin g = Gtin.parse(code);
    assertThat(g.digits14()).isEqualTo(digits14);
    assertThat(g.shortest()).isEqualTo(shortest);
    assertThat(Gtin.parse(g.digits14())).isEqualTo(g);
  }

  @Test
  void everyWrongCheckDigit_isRejectedAtTheLastPosition() {
    String body = "501234567890";
    for (int d = 0; d <= 9; d++) {
      String code = body + d;
      if (d == 0) {
        assertThat(Gtin.isValid(code)).isTrue();
        continue;
      }
      assertThatThrownBy(() -> Gtin.parse(code))
          .isInstanceOfSatisfying(
              InvalidValueException.class,
              e -> {
                assertThat(e.code()).isEqualTo(InvalidValueException.GTIN_CHECK_DIGIT);
                assertThat(e.position()).isEqualTo(12);
                assertThat(e.getMessage()).contains("expected 0");
              });
    }
  }

  @Test
  void singleDigitTypo_isAlwaysCaught() {
    String good = "4006381333931";
    for (int i = 0; i < good.length(); i++) {
      for (char c = '0'; c <= '9'; c++) {
        if (c == good.charAt(i)) {
          continue;
        }
        String typo = good.substring(0, i) + c + good.substring(i + 1);
        assertThat(Gtin.isValid(typo)).as(typo).isFalse();
      }
    }
  }

  @Test
  void nonDigit_namesPosition() {
    assertThatThrownBy(() -> Gtin.parse("50123A5678900"))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.code()).isEqualTo(InvalidValueException.GTIN_FORMAT);
              assertThat(e.position()).isEqualTo(5);
              assertThat(e.getMessage()).contains("position 6 of 13");
            });
  }

  @Test
  void wrongLength_isRejected() {
    assertThatThrownBy(() -> Gtin.parse("12345")).hasMessageContaining("had 5 characters");
  }
}
