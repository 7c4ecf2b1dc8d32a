package io.ambientretail.devices.shelf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Weight;
import io.ambientretail.devices.DeviceErrors;
import org.junit.jupiter.api.Test;

class ShelfProtocolTest {
  private final ShelfFrameParser parser = ShelfFrameParser.create();

  private static String line(String body) {
    return body + "*" + ShelfFrameParser.checksum(body);
  }

  @Test
  void counts_parsedPerChannel() {
    ShelfFrame f = parser.parse(line("C,123456,8400,-12,108400"));
    assertThat(f.type()).isEqualTo('C');
    assertThat(f.millis()).isEqualTo(123_456);
    assertThat(f.values()).containsExactly(8400, -12, 108_400);
  }

  @Test
  void grams_becomeMilligrams() {
    assertThat(parser.parse(line("G,5,12.5,-0.125,1000")).values())
        .containsExactly(12_500, -125, 1_000_000);
  }

  @Test
  void faultAndIdentity() {
    ShelfFrame e = parser.parse(line("E,99,3,OVL"));
    assertThat(e.channel()).isEqualTo(3);
    assertThat(e.text()).isEqualTo("OVL");
    assertThat(parser.parse(line("I,LC8,2.1,8")).channel()).isEqualTo(8);
  }

  @Test
  void badChecksum_failsWithChecksumCode() {
    assertThatThrownBy(() -> parser.parse("C,1,2*00"))
        .isInstanceOfSatisfying(
            ShelfFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(DeviceErrors.FRAME_CHECKSUM);
              assertThat(e.position()).isEqualTo(6);
            });
  }

  @Test
  void hostileLines_failWithOffsets() {
    assertThatThrownBy(() -> parser.parse(line("C,1,2x")))
        .isInstanceOfSatisfying(
            ShelfFormatException.class, e -> assertThat(e.position()).isEqualTo(5));
    assertThatThrownBy(() -> parser.parse(line("C,1,"))).isInstanceOf(ShelfFormatException.class);
    assertThatThrownBy(() -> parser.parse(line("C,1,99999999999")))
        .isInstanceOf(ShelfFormatException.class);
    assertThatThrownBy(() -> ShelfFrameParser.withMaxChannels(2).parse(line("C,1,1,2,3")))
        .isInstanceOf(ShelfFormatException.class)
        .hasMessageContaining("more than 2");
    assertThatThrownBy(() -> parser.parse(line("G,1,1.2345")))
        .isInstanceOf(ShelfFormatException.class)
        .hasMessageContaining("3 decimals");
  }

  @Test
  void calibration_twoPoint_exactAndRounded() {
    LaneCalibration c = LaneCalibration.of(8_400, 108_400, Weight.ofGrams(1000));
    assertThat(c.weightOf(8_400)).isEqualTo(Weight.ZERO);
    assertThat(c.weightOf(58_400)).isEqualTo(Weight.ofGrams(500));
    assertThat(c.weightOf(8_401)).isEqualTo(Weight.ofMilligrams(10));
    assertThat(c.weightOf(8_300)).isEqualTo(Weight.ofGrams(-1));
    assertThat(c.countsOf(Weight.ofGrams(250))).isEqualTo(33_400);
    LaneCalibration inverted = LaneCalibration.of(1000, 0, Weight.ofGrams(100));
    assertThat(inverted.weightOf(500)).isEqualTo(Weight.ofGrams(50));
  }

  @Test
  void calibration_spanEqualsZero_rejected() {
    assertThatThrownBy(() -> LaneCalibration.of(5, 5, Weight.ofGrams(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
