package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One NCI/Toledo "W" protocol response: an optional weight and the status bytes.
 *
 * <p>Status byte 1 (ASCII {@code 0x30 | bits}): bit 0 in motion, bit 1 at zero, bit 2 RAM error,
 * bit 3 EEPROM error. Byte 2: bit 0 under capacity, bit 1 over capacity, bit 2 ROM error, bit 3
 * faulty calibration. An optional byte 3: bit 0-1 range, bit 2 net weight, bit 3 initial zero
 * error.
 *
 * @param weight the weight, or null when the scale sent status only (motion, out of range) or
 *     answered {@code ?}
 * @param unit the unit text ({@code "lb"}, {@code "kg"}, {@code "oz"}, {@code "g"}), or empty
 * @param status1 status byte 1 bits (0..15)
 * @param status2 status byte 2 bits (0..15)
 * @param status3 status byte 3 bits (0..15), or -1 when not sent
 * @param unrecognized true when the scale answered {@code ?} (unknown command)
 */
public record NciResponse(@Nullable Weight weight, String unit, int status1, int status2,
    int status3, boolean unrecognized) {
  /** Checks for nulls. */
  public NciResponse {
    Objects.requireNonNull(unit, "unit");
  }

  /** The scale reports motion. */
  public boolean inMotion() {
    return (status1 & 1) != 0;
  }

  /** The scale is at zero. */
  public boolean atZero() {
    return (status1 & 2) != 0;
  }

  /** The scale reports under capacity. */
  public boolean underCapacity() {
    return (status2 & 1) != 0;
  }

  /** The scale reports over capacity. */
  public boolean overCapacity() {
    return (status2 & 2) != 0;
  }

  /** A RAM, EEPROM, ROM or calibration fault. */
  public boolean hardwareError() {
    return (status1 & 0b1100) != 0 || (status2 & 0b1100) != 0
        || status3 >= 0 && (status3 & 0b1000) != 0;
  }
}
