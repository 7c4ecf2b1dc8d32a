package io.ambientretail.devices.modbus;

import io.ambientretail.core.ErrorCode;
import java.io.IOException;
import java.util.Objects;

/**
 * A Modbus RTU frame that could not be accepted, or a device that answered with a Modbus exception:
 * a CRC that does not match ({@code FRAME_CHECKSUM}), a frame of the wrong length or for another
 * unit or function ({@code FRAME_SYNTAX}), an exception response ({@code MODBUS_EXCEPTION}, with
 * its {@link #exceptionCode()}: 1 illegal function, 2 illegal data address, 3 illegal data value, 4
 * device failure, 6 busy, 11 gateway target failed to respond...). The message names the unit and
 * the offset in the frame where it went wrong.
 */
public final class ModbusException extends IOException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int offset;
  private final int exceptionCode;

  /** A frame error at {@code offset} (-1 when not about one byte). */
  public ModbusException(ErrorCode code, String message, int offset) {
    this(code, message, offset, -1);
  }

  /** An error with the Modbus exception code the device answered ({@code -1} for none). */
  public ModbusException(ErrorCode code, String message, int offset, int exceptionCode) {
    super(message + (offset >= 0 ? " (at offset " + offset + ")" : ""));
    this.code = Objects.requireNonNull(code, "code");
    this.offset = offset;
    this.exceptionCode = exceptionCode;
  }

  /** The stable error code. */
  public ErrorCode code() {
    return code;
  }

  /** The 0-based offset in the frame where it went wrong, or -1. */
  public int offset() {
    return offset;
  }

  /** The Modbus exception code of an exception response, or -1. */
  public int exceptionCode() {
    return exceptionCode;
  }
}
