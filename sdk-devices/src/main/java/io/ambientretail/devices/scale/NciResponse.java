package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One NCI/Toledo "W" protocol response: an optional weight, what the weight field showed, and the
 * status bytes.
 *
 * <p>Each status byte is ASCII with bits 4 and 5 always set; bit 6 says another status byte follows
 * (always clear in byte 1, since byte 2 always follows); bit 7 is parity and is ignored. The bits
 * kept here (0..3): byte 1: bit 0 in motion, bit 1 at zero, bit 2 RAM error, bit 3 EEPROM error.
 * Byte 2: bit 0 under capacity, bit 1 over capacity, bit 2 ROM error, bit 3 faulty calibration.
 * Optional byte 3: bits 0-1 range (00 low, 11 high), bit 2 net weight (clear: gross), bit 3 initial
 * zero error. Optional byte 4: bit 0 weight changed, bit 1 zero seen, bit 2 metric (clear:
 * imperial). See docs/devices.md for the sources.
 *
 * @param weight the weight, or null when the scale sent status only, a weight field of bars
 *     (over/under capacity, zeroing error) or answered {@code ?}
 * @param unit the unit text ({@code "lb"}, {@code "kg"}, {@code "oz"}, {@code "g"}), or empty
 * @param status1 status byte 1 bits (0..15)
 * @param status2 status byte 2 bits (0..15)
 * @param status3 status byte 3 bits (0..15), or -1 when not sent
 * @param unrecognized true when the scale answered {@code ?} (unknown command)
 * @param status4 status byte 4 bits (0..15), or -1 when not sent
 * @param field what the weight line showed
 */
public record NciResponse(
    @Nullable Weight weight,
    String unit,
    int status1,
    int status2,
    int status3,
    boolean unrecognized,
    int status4,
    WeightField field) {
  /** What the weight line of a response showed. */
  public enum WeightField {
    /** A weight (in {@link NciResponse#weight()}). */
    WEIGHT,
    /** No weight line: a status-only answer (or {@code ?}). */
    NONE,
    /** Carets ({@code ^^^^^^}): the display shows upper bars, over capacity. */
    OVER_CAPACITY,
    /** Underscores ({@code ______}): the display shows lower bars, under capacity. */
    UNDER_CAPACITY,
    /** Dashes ({@code ------}): the display shows middle bars, a zeroing error. */
    ZERO_ERROR
  }

  /** Checks for nulls. */
  public NciResponse {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(field, "field");
  }

  /** A response without a fourth status byte; the field is WEIGHT when a weight is given. */
  public NciResponse(
      @Nullable Weight weight,
      String unit,
      int status1,
      int status2,
      int status3,
      boolean unrecognized) {
    this(
        weight,
        unit,
        status1,
        status2,
        status3,
        unrecognized,
        -1,
        weight != null ? WeightField.WEIGHT : WeightField.NONE);
  }

  /** The scale reports motion (byte 1 bit 0). */
  public boolean inMotion() {
    return (status1 & 1) != 0;
  }

  /** The scale is at zero (byte 1 bit 1). */
  public boolean atZero() {
    return (status1 & 2) != 0;
  }

  /** The scale reports under capacity (byte 2 bit 0, or underscores in the weight field). */
  public boolean underCapacity() {
    return (status2 & 1) != 0 || field == WeightField.UNDER_CAPACITY;
  }

  /** The scale reports over capacity (byte 2 bit 1, or carets in the weight field). */
  public boolean overCapacity() {
    return (status2 & 2) != 0 || field == WeightField.OVER_CAPACITY;
  }

  /** RAM error (byte 1 bit 2). */
  public boolean ramError() {
    return (status1 & 4) != 0;
  }

  /** EEPROM error (byte 1 bit 3). */
  public boolean eepromError() {
    return (status1 & 8) != 0;
  }

  /** ROM error (byte 2 bit 2). */
  public boolean romError() {
    return (status2 & 4) != 0;
  }

  /** Faulty calibration (byte 2 bit 3). */
  public boolean calibrationError() {
    return (status2 & 8) != 0;
  }

  /** The weight is net of tare (byte 3 bit 2); false when gross or byte 3 was not sent. */
  public boolean netWeight() {
    return status3 >= 0 && (status3 & 4) != 0;
  }

  /**
   * Initial zero error (byte 3 bit 3): the platter was loaded beyond the zero range at power-up.
   */
  public boolean initialZeroError() {
    return status3 >= 0 && (status3 & 8) != 0;
  }

  /** The range (byte 3 bits 0-1: 0 low, 3 high), or -1 when byte 3 was not sent. */
  public int range() {
    return status3 < 0 ? -1 : status3 & 3;
  }

  /** A RAM, EEPROM, ROM or calibration fault. */
  public boolean hardwareError() {
    return (status1 & 0b1100) != 0 || (status2 & 0b1100) != 0;
  }
}
