package io.ambientretail.devices.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Weight;
import org.junit.jupiter.api.Test;

class ScaleParsersTest {
  private final MtSicsParser sics = MtSicsParser.create();
  private final NciParser nci = NciParser.create();

  @Test
  void mtSics_stableGrams_exactMilligrams() {
    MtSicsResponse r = sics.parse("S S     100.25 g");
    assertThat(r.command()).isEqualTo("S");
    assertThat(r.status()).isEqualTo('S');
    assertThat(r.weight()).isEqualTo(Weight.ofMilligrams(100_250));
    assertThat(r.unit()).isEqualTo("g");
  }

  @Test
  void mtSics_dynamicNegativeKg_exact() {
    MtSicsResponse r = sics.parse("S D    -0.1234 kg");
    assertThat(r.status()).isEqualTo('D');
    assertThat(r.weight()).isEqualTo(Weight.ofMilligrams(-123_400));
  }

  @Test
  void mtSics_sumOfManyReadings_hasNoDrift() {
    long total = 0;
    for (int i = 0; i < 1000; i++) {
      total += sics.parse("S S       0.10 g").weight().milligrams();
    }
    assertThat(total).isEqualTo(100_000);
  }

  @Test
  void mtSics_subMilligramResolution_roundsHalfEven() {
    assertThat(sics.parse("S S   410.0095 g").weight()).isEqualTo(Weight.ofMilligrams(410_010));
    assertThat(sics.parse("S S   410.0085 g").weight()).isEqualTo(Weight.ofMilligrams(410_008));
  }

  @Test
  void mtSics_statusOnlyAndErrors() {
    assertThat(sics.parse("S +").status()).isEqualTo('+');
    assertThat(sics.parse("S -").status()).isEqualTo('-');
    assertThat(sics.parse("S I").status()).isEqualTo('I');
    assertThat(sics.parse("Z A").command()).isEqualTo("Z");
    assertThat(sics.parse("ES").isError()).isTrue();
    assertThat(sics.parse("ET").isError()).isTrue();
    assertThat(sics.parse("EL").isError()).isTrue();
  }

  @Test
  void mtSics_identification_quotedTexts() {
    assertThat(sics.parse("I2 A \"WMS404C-L/10\" \"410.0090 g\"").texts())
        .containsExactly("WMS404C-L/10", "410.0090 g");
    assertThat(sics.parse("I4 A \"B021002593\"").texts()).containsExactly("B021002593");
  }

  @Test
  void mtSics_badInput_failsWithOffset() {
    assertThatThrownBy(() -> sics.parse("S S     1x0.00 g"))
        .isInstanceOfSatisfying(
            ScaleFormatException.class, e -> assertThat(e.position()).isEqualTo(8));
    assertThatThrownBy(() -> sics.parse("S S     100.00 furlong"))
        .isInstanceOf(ScaleFormatException.class)
        .hasMessageContaining("unit");
    assertThatThrownBy(() -> sics.parse("S Q"))
        .isInstanceOf(ScaleFormatException.class)
        .hasMessageContaining("status");
    assertThatThrownBy(() -> sics.parse("I4 A \"open"))
        .isInstanceOf(ScaleFormatException.class)
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> sics.parse("S S " + "9".repeat(30) + " g"))
        .isInstanceOf(ScaleFormatException.class);
  }

  @Test
  void nci_weightAndStatus() {
    NciResponse r = nci.parse("\n001.250KG\r\n00\r");
    assertThat(r.weight()).isEqualTo(Weight.ofGrams(1250));
    assertThat(r.unit()).isEqualTo("kg");
    assertThat(r.inMotion()).isFalse();
  }

  @Test
  void nci_pounds_exactToTheMilligram() {
    assertThat(nci.parse("\n  1.00LB\r\n00\r").weight()).isEqualTo(Weight.ofMilligrams(453_592));
  }

  @Test
  void nci_statusOnlyWithMotionAndOverCapacity() {
    NciResponse r = nci.parse("\n12\r");
    assertThat(r.weight()).isNull();
    assertThat(r.inMotion()).isTrue();
    assertThat(r.overCapacity()).isTrue();
    assertThat(nci.parse("\n40\r").hardwareError()).isTrue();
  }

  @Test
  void nci_unknownCommandAnswer() {
    assertThat(nci.parse("\n?\r").unrecognized()).isTrue();
  }

  @Test
  void nci_badStatusByte_failsWithOffset() {
    assertThatThrownBy(() -> nci.parse("\nSA0\r"))
        .isInstanceOfSatisfying(
            ScaleFormatException.class, e -> assertThat(e.position()).isEqualTo(2));
    assertThatThrownBy(() -> nci.parse("001.250KG\r\nS00\r"))
        .isInstanceOf(ScaleFormatException.class)
        .hasMessageContaining("LF");
  }

  /** Found by Jazzer: 17 digits of kilograms overflowed the milligram conversion. */
  @Test
  void mtSics_hugeKilograms_failsTypedNotArithmetic() {
    assertThatThrownBy(() -> sics.parse("S S -99999999999999999 kg"))
        .isInstanceOf(ScaleFormatException.class)
        .hasMessageContaining("in range");
  }
}
