package io.ambientretail.devices;

import io.ambientretail.core.ErrorCode;

/**
 * The stable codes of {@link ErrorEvent}s and device exceptions. An open set: new codes are added
 * as constants, so a caller's {@code switch} on {@link ErrorCode#value()} keeps working.
 */
public final class DeviceErrors {
  /** A frame exceeded the framing limit; it was dropped up to the next delimiter. */
  public static final ErrorCode FRAME_TOO_LONG = ErrorCode.of("FRAME_TOO_LONG");

  /** Bytes arrived without a terminator and nothing followed within the frame timeout. */
  public static final ErrorCode FRAME_INCOMPLETE = ErrorCode.of("FRAME_INCOMPLETE");

  /** The link dropped with part of a frame received; the part was discarded. */
  public static final ErrorCode FRAME_TRUNCATED = ErrorCode.of("FRAME_TRUNCATED");

  /** A frame did not follow the device's protocol (position given). */
  public static final ErrorCode FRAME_SYNTAX = ErrorCode.of("FRAME_SYNTAX");

  /** A frame's checksum did not match. */
  public static final ErrorCode FRAME_CHECKSUM = ErrorCode.of("FRAME_CHECKSUM");

  /** A barcode whose GTIN or SSCC check digit is wrong. */
  public static final ErrorCode SCAN_CHECK_DIGIT = ErrorCode.of("SCAN_CHECK_DIGIT");

  /** A barcode that is not a valid code of its symbology or GS1 element string. */
  public static final ErrorCode SCAN_INVALID = ErrorCode.of("SCAN_INVALID");

  /** The scale answered ES, ET or EL, or reported a hardware error in its status bytes. */
  public static final ErrorCode SCALE_ERROR = ErrorCode.of("SCALE_ERROR");

  /** The scale could not execute a command right now ({@code S I}, {@code Z I}). */
  public static final ErrorCode SCALE_BUSY = ErrorCode.of("SCALE_BUSY");

  /** A shelf controller reported a channel fault. */
  public static final ErrorCode SHELF_CHANNEL = ErrorCode.of("SHELF_CHANNEL");

  /** A lock did not acknowledge a command in time. */
  public static final ErrorCode LOCK_NO_ACK = ErrorCode.of("LOCK_NO_ACK");

  /** A card reader or PC/SC service failed. */
  public static final ErrorCode CARD_READER = ErrorCode.of("CARD_READER");

  /** An ATR or command APDU that breaks ISO 7816-3/-4 encoding (offset given). */
  public static final ErrorCode APDU_SYNTAX = ErrorCode.of("APDU_SYNTAX");

  /** Events were dropped because the delivery queue was full (a listener too slow). */
  public static final ErrorCode EVENT_QUEUE_OVERFLOW = ErrorCode.of("EVENT_QUEUE_OVERFLOW");

  /** A listener threw while handling an event; delivery to the others went on. */
  public static final ErrorCode LISTENER_FAILED = ErrorCode.of("LISTENER_FAILED");

  /** A connected device stopped answering within its expected interval. */
  public static final ErrorCode DEVICE_UNRESPONSIVE = ErrorCode.of("DEVICE_UNRESPONSIVE");

  /** A Modbus device answered with an exception response (its code in the message). */
  public static final ErrorCode MODBUS_EXCEPTION = ErrorCode.of("MODBUS_EXCEPTION");

  /** A Modbus device did not answer a request within the response timeout. */
  public static final ErrorCode MODBUS_TIMEOUT = ErrorCode.of("MODBUS_TIMEOUT");

  /** A sensor reports its own fault (a broken or disconnected probe). */
  public static final ErrorCode SENSOR_FAULT = ErrorCode.of("SENSOR_FAULT");

  /** A device configuration was invalid (field given). */
  public static final ErrorCode DEVICE_CONFIG = ErrorCode.of("DEVICE_CONFIG");

  private DeviceErrors() {}
}
