package io.ambientretail.devices.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Gtin;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.DeviceErrors;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ScanParserTest {
  private final ScanParser parser = ScanParser.create();

  @Test
  void parse_ean13WithAim_givesGtin() {
    Scan s = parser.parse("]E04006381333931");
    assertThat(s.symbology()).isEqualTo(Symbology.EAN_13);
    assertThat(s.gtin()).isEqualTo(Gtin.parse("4006381333931"));
  }

  @Test
  void parse_upcA12Digits_isUpcA() {
    Scan s = parser.parse("]E0036000291452");
    assertThat(s.symbology()).isEqualTo(Symbology.UPC_A);
    assertThat(s.gtin()).isEqualTo(Gtin.parse("036000291452"));
  }

  @Test
  void parse_ean8_givesGtin() {
    Scan s = parser.parse("]E473513537");
    assertThat(s.symbology()).isEqualTo(Symbology.EAN_8);
    assertThat(s.gtin().digits14()).isEqualTo("00000073513537");
  }

  @Test
  void parse_wrongCheckDigit_failsAtLastDigit() {
    assertThatThrownBy(() -> parser.parse("]E04006381333932"))
        .isInstanceOfSatisfying(
            ScanFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(DeviceErrors.SCAN_CHECK_DIGIT);
              assertThat(e.position()).isEqualTo(15);
              assertThat(e.getMessage()).contains("expected 1");
            });
  }

  @Test
  void parse_gs1_128WithVariableFieldsAndFnc1_splitsElements() {
    Scan s =
        parser.parse(
            "]C10109506000134352"
                + "17261231"
                + "10ABC123\u001D"
                + "21SER9\u001D"
                + "3103001250"
                + "39220599");
    assertThat(s.symbology()).isEqualTo(Symbology.GS1_128);
    assertThat(s.gtin()).isEqualTo(Gtin.parse("09506000134352"));
    assertThat(s.elements())
        .containsExactly(
            new Gs1Element("01", "09506000134352"),
            new Gs1Element("17", "261231"),
            new Gs1Element("10", "ABC123"),
            new Gs1Element("21", "SER9"),
            new Gs1Element("3103", "001250"),
            new Gs1Element("3922", "0599"));
    assertThat(s.elements().get(4).netWeight()).isEqualTo(Weight.ofGrams(1250));
    assertThat(s.elements().get(5).decimal()).isEqualByComparingTo(new BigDecimal("5.99"));
  }

  @Test
  void parse_gs1DataMatrixWithLeadingGs_splitsElements() {
    Scan s = parser.parse("]d2\u001D0109506000134352" + "10LOT");
    assertThat(s.symbology()).isEqualTo(Symbology.GS1_DATA_MATRIX);
    assertThat(s.elements()).extracting(Gs1Element::ai).containsExactly("01", "10");
  }

  @Test
  void parse_gs1WrongGtinCheckDigit_failsWithOffset() {
    assertThatThrownBy(() -> parser.parse("]C10109506000134353"))
        .isInstanceOfSatisfying(
            ScanFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(DeviceErrors.SCAN_CHECK_DIGIT);
              assertThat(e.position()).isEqualTo(18);
            });
  }

  @Test
  void parse_sscc_checkDigitValidated() {
    assertThat(parser.parse("]C100106141411234567897").elements())
        .containsExactly(new Gs1Element("00", "106141411234567897"));
    assertThatThrownBy(() -> parser.parse("]C100106141411234567898"))
        .isInstanceOf(ScanFormatException.class)
        .hasMessageContaining("SSCC");
  }

  @Test
  void parse_badExpiryMonth_fails() {
    assertThatThrownBy(() -> parser.parse("]C10109506000134352" + "17261331"))
        .isInstanceOfSatisfying(
            ScanFormatException.class,
            e -> assertThat(e.code()).isEqualTo(DeviceErrors.SCAN_INVALID));
  }

  @Test
  void parse_unknownAi_fails() {
    assertThatThrownBy(() -> parser.parse("]C1991234\u001D" + "55123"))
        .isInstanceOf(ScanFormatException.class)
        .hasMessageContaining("unsupported AI");
  }

  @Test
  void parse_fixedLengthAiTruncated_failsWithOffset() {
    assertThatThrownBy(() -> parser.parse("]C1010950600013"))
        .isInstanceOfSatisfying(
            ScanFormatException.class, e -> assertThat(e.position()).isEqualTo(5));
  }

  @Test
  void parse_variableFieldTooLong_failsNotGuesses() {
    assertThatThrownBy(() -> parser.parse("]C110" + "A".repeat(21)))
        .isInstanceOf(ScanFormatException.class)
        .hasMessageContaining("longer than 20");
  }

  @Test
  void parse_noAimDigitsWithBadCheck_fails() {
    assertThatThrownBy(() -> parser.parse("5012345678901")).isInstanceOf(ScanFormatException.class);
    assertThat(parser.parse("5012345678900").gtin()).isEqualTo(Gtin.parse("5012345678900"));
  }

  @Test
  void parse_qrPlainText_noGtin() {
    Scan s = parser.parse("]Q1https://example.org/p?x=1");
    assertThat(s.symbology()).isEqualTo(Symbology.QR);
    assertThat(s.gtin()).isNull();
  }

  @Test
  void parse_controlByte_failsWithOffset() {
    assertThatThrownBy(() -> parser.parse("]Q1ab\u0007c"))
        .isInstanceOfSatisfying(
            ScanFormatException.class, e -> assertThat(e.position()).isEqualTo(5));
  }

  @Test
  void parse_overLimit_fails() {
    assertThatThrownBy(() -> ScanParser.withMaxLength(10).parse("]Q1" + "x".repeat(20)))
        .isInstanceOf(ScanFormatException.class)
        .hasMessageContaining("limit of 10");
  }
}
