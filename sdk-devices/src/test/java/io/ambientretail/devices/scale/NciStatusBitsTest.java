package io.ambientretail.devices.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Weight;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The NCI status bytes bit by bit, as the NCI protocol documents lay them out (see
 * docs/devices.md): {@code LF weight CR LF status... CR}, each status byte {@code 0x30 | bits}, bit
 * 6 chaining.
 */
class NciStatusBitsTest {
  private final NciParser nci = NciParser.create();

  private static String b(int bits) {
    return String.valueOf((char) (0x30 | bits));
  }

  private NciResponse status(int s1, int s2) {
    return nci.parse("\n" + b(s1) + b(s2) + "\r");
  }

  /** Each predicate holds for exactly its one bit and for no other single bit. */
  private void onlyThisBit(boolean firstByte, int bit, Predicate<NciResponse> flag) {
    for (int other = 0; other < 4; other++) {
      NciResponse r = firstByte ? status(1 << other, 0) : status(0, 1 << other);
      assertThat(flag.test(r))
          .as("byte " + (firstByte ? 1 : 2) + " bit " + other)
          .isEqualTo(other == bit);
    }
    assertThat(flag.test(status(0, 0))).isFalse();
  }

  @Test
  void byte1_bit0_motion() {
    onlyThisBit(true, 0, NciResponse::inMotion);
  }

  @Test
  void byte1_bit1_atZero() {
    onlyThisBit(true, 1, NciResponse::atZero);
  }

  @Test
  void byte1_bit2_ramError() {
    onlyThisBit(true, 2, NciResponse::ramError);
    assertThat(status(4, 0).hardwareError()).isTrue();
  }

  @Test
  void byte1_bit3_eepromError() {
    onlyThisBit(true, 3, NciResponse::eepromError);
    assertThat(status(8, 0).hardwareError()).isTrue();
  }

  @Test
  void byte2_bit0_underCapacity() {
    onlyThisBit(false, 0, NciResponse::underCapacity);
  }

  @Test
  void byte2_bit1_overCapacity() {
    onlyThisBit(false, 1, NciResponse::overCapacity);
  }

  @Test
  void byte2_bit2_romError() {
    onlyThisBit(false, 2, NciResponse::romError);
    assertThat(status(0, 4).hardwareError()).isTrue();
  }

  @Test
  void byte2_bit3_faultyCalibration() {
    onlyThisBit(false, 3, NciResponse::calibrationError);
    assertThat(status(0, 8).hardwareError()).isTrue();
  }

  @Test
  void motionAndZeroBits_areNotHardwareErrors() {
    assertThat(status(3, 3).hardwareError()).isFalse();
  }

  @Test
  void byte2_bit6_announcesByte3_rangeNetInitialZero() {
    // byte 2 = 0x70 (bit 6: a third byte follows), byte 3 = 0x30 | 0b1111
    NciResponse r = nci.parse("\n 1.000kg\r\n" + b(0) + (char) 0x70 + b(0b1111) + "\r");
    assertThat(r.weight()).isEqualTo(Weight.ofGrams(1000));
    assertThat(r.status3()).isEqualTo(0b1111);
    assertThat(r.range()).isEqualTo(3);
    assertThat(r.netWeight()).isTrue();
    assertThat(r.initialZeroError()).isTrue();
    assertThat(r.status4()).isEqualTo(-1);
    NciResponse gross = nci.parse("\n" + b(0) + (char) 0x70 + b(0) + "\r");
    assertThat(gross.netWeight()).isFalse();
    assertThat(gross.range()).isZero();
    assertThat(gross.initialZeroError()).isFalse();
    assertThat(status(0, 0).range()).isEqualTo(-1);
  }

  @Test
  void byte3_bit6_announcesByte4() {
    NciResponse r = nci.parse("\n" + b(0) + (char) 0x70 + (char) 0x70 + b(0b0101) + "\r");
    assertThat(r.status3()).isZero();
    assertThat(r.status4()).isEqualTo(0b0101);
  }

  @Test
  void bit6Chaining_mustMatchTheBytesSent() {
    assertThatThrownBy(() -> nci.parse("\n" + b(0) + (char) 0x70 + "\r"))
        .isInstanceOf(ScaleFormatException.class)
        .hasMessageContaining("bit 6 set");
    assertThatThrownBy(() -> nci.parse("\n" + b(0) + b(0) + b(0) + "\r"))
        .isInstanceOf(ScaleFormatException.class)
        .hasMessageContaining("said it was the last")
        .satisfies(e -> assertThat(((ScaleFormatException) e).position()).isEqualTo(3));
  }

  @Test
  void bit7Parity_isIgnored() {
    NciResponse r = nci.parse(new byte[] {'\n', (byte) (0x80 | 0x31), (byte) 0x32, '\r'}, 0, 4);
    assertThat(r.inMotion()).isTrue();
    assertThat(r.overCapacity()).isTrue();
  }

  @Test
  void missingFixedBits4And5_failsWithOffset() {
    assertThatThrownBy(() -> nci.parse("\n0A\r"))
        .isInstanceOfSatisfying(
            ScaleFormatException.class, e -> assertThat(e.position()).isEqualTo(2));
  }

  @Test
  void documentedLayout_statusDirectlyAfterLf_andLegacyS() {
    NciResponse r = nci.parse("\n001.250kg\r\n00\r");
    assertThat(r.weight()).isEqualTo(Weight.ofGrams(1250));
    assertThat(r.field()).isEqualTo(NciResponse.WeightField.WEIGHT);
    assertThat(nci.parse("\n001.250kg\r\nS00\r").weight()).isEqualTo(Weight.ofGrams(1250));
    assertThat(nci.parse("\n" + b(1) + b(2) + "\r").field())
        .isEqualTo(NciResponse.WeightField.NONE);
  }

  @Test
  void gramsWithSpacesAroundTheUnit() {
    assertThat(nci.parse("\n 1250g \r\n00\r").weight()).isEqualTo(Weight.ofGrams(1250));
  }

  @Test
  void displayBars_overUnderAndZeroingError() {
    NciResponse over = nci.parse("\n^^^^^^\r\n" + b(0) + b(2) + "\r");
    assertThat(over.weight()).isNull();
    assertThat(over.field()).isEqualTo(NciResponse.WeightField.OVER_CAPACITY);
    assertThat(over.overCapacity()).isTrue();
    NciResponse under = nci.parse("\n______lb\r\n00\r");
    assertThat(under.field()).isEqualTo(NciResponse.WeightField.UNDER_CAPACITY);
    assertThat(under.underCapacity()).isTrue();
    assertThat(under.unit()).isEqualTo("lb");
    NciResponse zeroError = nci.parse("\n- - - - - -\r\n00\r");
    assertThat(zeroError.field()).isEqualTo(NciResponse.WeightField.ZERO_ERROR);
    assertThat(zeroError.weight()).isNull();
    assertThat(nci.parse("\n-1.500kg\r\n00\r").weight()).isEqualTo(Weight.ofMilligrams(-1_500_000));
  }

  @Test
  void unknownUnitAfterBars_fails() {
    assertThatThrownBy(() -> nci.parse("\n^^^^xx\r\n00\r"))
        .isInstanceOf(ScaleFormatException.class)
        .hasMessageContaining("after the display bars");
  }
}
