package io.ambientretail.store.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ambientretail.core.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class KioskBarcodeTest {
  @Test
  void plainGtin13_parses() {
    KioskBarcode b = KioskBarcode.parse("4012345670004");
    assertThat(b.gtin().digits14()).isEqualTo("04012345670004");
    assertThat(b.weightGrams()).isEmpty();
  }

  @Test
  void gs1ElementString_withWeightExpiryAndBatch_parses() {
    // (01) GTIN-14, (3103) 0.183 kg, (17) 2027-12-31, (10) batch, FNC1 as GS
    KioskBarcode b = KioskBarcode.parse("]C1010401234567000431030001831727123110AB12");
    assertThat(b.gtin().digits14()).isEqualTo("04012345670004");
    assertThat(b.weightGrams()).contains(183L);
    assertThat(b.expiry()).contains(LocalDate.of(2027, 12, 31));
  }

  @Test
  void expiryDay00_meansEndOfMonth() {
    assertThat(KioskBarcode.parse("010401234567000417270200").expiry())
        .contains(LocalDate.of(2027, 2, 28));
  }

  @Test
  void truncatedWeight_failsAtItsOffset() {
    assertThatThrownBy(() -> KioskBarcode.parse("01040123456700043103001"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("offset 20")
        .satisfies(e -> assertThat(((InvalidValueException) e).position()).isEqualTo(20));
  }

  @Test
  void unknownAi_failsAtItsOffset() {
    assertThatThrownBy(() -> KioskBarcode.parse("0104012345670004990"))
        .hasMessageContaining("offset 16")
        .hasMessageContaining("application identifier");
  }

  @Test
  void badCheckDigit_failsNamingTheAi() {
    assertThatThrownBy(() -> KioskBarcode.parse("0104012345670005"))
        .hasMessageContaining("AI (01)");
  }

  @Test
  void tooLong_fails() {
    assertThatThrownBy(() -> KioskBarcode.parse("1".repeat(200))).hasMessageContaining("longer");
  }

  /** Any text parses or fails with an InvalidValueException positioned inside the input. */
  @FuzzTest(maxDuration = "20s")
  void parse_anyText_parsesOrFailsTyped(byte[] data) {
    String s = new String(data, StandardCharsets.ISO_8859_1);
    try {
      KioskBarcode.parse(s);
    } catch (InvalidValueException e) {
      assertThat(e.position()).isBetween(-1, Math.max(s.length(), KioskBarcode.MAX_LENGTH));
    }
  }
}
