package io.ambientretail.devices.internal;

import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.modbus.ModbusException;

/**
 * The Modbus RTU frames the SDK speaks (Modbus Application Protocol V1.1b3 and Modbus over Serial
 * Line V1.02): read holding registers (03), read input registers (04) and write single register
 * (06), their exception responses, and the CRC-16 (polynomial 0xA001 reflected, initial 0xFFFF,
 * sent low byte first). Both sides: the master's requests and response parser, and the slave's
 * request parser and responses (for the simulator). Every parse error is a {@link ModbusException}
 * naming the offset; nothing here allocates more than the frame it builds.
 */
public final class ModbusRtu {
  /** Read holding registers. */
  public static final int READ_HOLDING = 0x03;

  /** Read input registers. */
  public static final int READ_INPUT = 0x04;

  /** Write single register. */
  public static final int WRITE_SINGLE = 0x06;

  /** The most registers one read may ask for (the PDU limit of 253 bytes). */
  public static final int MAX_READ = 125;

  /** The longest RTU frame: 256 bytes. */
  public static final int MAX_FRAME = 256;

  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ 0xA001 : c >>> 1;
      }
      TABLE[i] = c;
    }
  }

  private ModbusRtu() {}

  /** The Modbus CRC-16 of the range. */
  public static int crc16(byte[] b, int off, int len) {
    int crc = 0xFFFF;
    for (int i = off; i < off + len; i++) {
      crc = (crc >>> 8) ^ TABLE[(crc ^ b[i]) & 0xFF];
    }
    return crc;
  }

  /** Appends the CRC (low byte first) to the first {@code len} bytes of {@code frame}. */
  private static byte[] withCrc(byte[] frame, int len) {
    int crc = crc16(frame, 0, len);
    frame[len] = (byte) crc;
    frame[len + 1] = (byte) (crc >>> 8);
    return frame;
  }

  /** A read request (03 or 04) for {@code count} registers from {@code start}. */
  public static byte[] readRequest(int unit, int function, int start, int count) {
    checkUnit(unit);
    if (function != READ_HOLDING && function != READ_INPUT) {
      throw new IllegalArgumentException("read function must be 03 or 04, was " + function);
    }
    if (start < 0 || start > 0xFFFF || count < 1 || count > MAX_READ || start + count > 0x10000) {
      throw new IllegalArgumentException(
          "registers " + start + "+" + count + " are outside 0..65535 or over " + MAX_READ);
    }
    return withCrc(
        new byte[] {
          (byte) unit,
          (byte) function,
          (byte) (start >>> 8),
          (byte) start,
          (byte) (count >>> 8),
          (byte) count,
          0,
          0
        },
        6);
  }

  /** A write-single-register request (06). */
  public static byte[] writeRequest(int unit, int register, int value) {
    checkUnit(unit);
    if (register < 0 || register > 0xFFFF || value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("register and value must be 0..65535");
    }
    return withCrc(
        new byte[] {
          (byte) unit,
          WRITE_SINGLE,
          (byte) (register >>> 8),
          (byte) register,
          (byte) (value >>> 8),
          (byte) value,
          0,
          0
        },
        6);
  }

  private static void checkUnit(int unit) {
    if (unit < 1 || unit > 247) {
      throw new IllegalArgumentException("unit must be 1..247, was " + unit);
    }
  }

  /**
   * How many bytes the response to a request with {@code function} has, judging from the first
   * {@code have} bytes received: 0 while that cannot be told yet (fewer than 3 bytes), else the
   * total frame length.
   */
  public static int responseLength(byte[] b, int off, int have, int function) {
    if (have < 3) {
      return 0;
    }
    int fc = b[off + 1] & 0xFF;
    if ((fc & 0x80) != 0) {
      return 5;
    }
    if (fc == READ_HOLDING || fc == READ_INPUT) {
      return 5 + (b[off + 2] & 0xFF);
    }
    if (fc == WRITE_SINGLE) {
      return 8;
    }
    return Math.min(MAX_FRAME, Math.max(have, 5)); // not a function we sent: parse will say so
  }

  /**
   * Parses the response to a read request: the register values (0..65535 each).
   *
   * @throws ModbusException for a bad CRC, a wrong length, another unit or function, or an
   *     exception response
   */
  public static int[] parseReadResponse(
      byte[] b, int off, int len, int unit, int function, int count) throws ModbusException {
    checkFrame(b, off, len, unit, function);
    int byteCount = b[off + 2] & 0xFF;
    if (byteCount != 2 * count) {
      throw new ModbusException(
          DeviceErrors.FRAME_SYNTAX,
          "unit " + unit + " sent " + byteCount + " data bytes, expected " + 2 * count,
          2);
    }
    if (len != 5 + byteCount) {
      throw new ModbusException(
          DeviceErrors.FRAME_SYNTAX,
          "unit "
              + unit
              + " response has "
              + len
              + " bytes, its byte count says "
              + (5 + byteCount),
          Math.min(len, 5 + byteCount) - 1);
    }
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = ((b[off + 3 + 2 * i] & 0xFF) << 8) | (b[off + 4 + 2 * i] & 0xFF);
    }
    return out;
  }

  /** Parses the echo of a write-single-register request. */
  public static void parseWriteResponse(
      byte[] b, int off, int len, int unit, int register, int value) throws ModbusException {
    checkFrame(b, off, len, unit, WRITE_SINGLE);
    if (len != 8) {
      throw new ModbusException(
          DeviceErrors.FRAME_SYNTAX, "write echo has " + len + " bytes, expected 8", len - 1);
    }
    int r = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    int v = ((b[off + 4] & 0xFF) << 8) | (b[off + 5] & 0xFF);
    if (r != register || v != value) {
      throw new ModbusException(
          DeviceErrors.FRAME_SYNTAX,
          "unit "
              + unit
              + " echoed register "
              + r
              + " = "
              + v
              + ", sent "
              + register
              + " = "
              + value,
          2);
    }
  }

  /** CRC, unit, exception and function checks shared by every response. */
  private static void checkFrame(byte[] b, int off, int len, int unit, int function)
      throws ModbusException {
    if (len < 5) {
      throw new ModbusException(
          DeviceErrors.FRAME_SYNTAX,
          "Modbus frame of " + len + " bytes is shorter than the 5 of the smallest",
          Math.max(0, len - 1));
    }
    if (len > MAX_FRAME) {
      throw new ModbusException(
          DeviceErrors.FRAME_TOO_LONG,
          "Modbus frame longer than " + MAX_FRAME + " bytes",
          MAX_FRAME);
    }
    int crc = crc16(b, off, len - 2);
    int sent = (b[off + len - 2] & 0xFF) | (b[off + len - 1] & 0xFF) << 8;
    if (crc != sent) {
      throw new ModbusException(
          DeviceErrors.FRAME_CHECKSUM,
          String.format(
              java.util.Locale.ROOT, "Modbus CRC is %04X, the frame's bytes give %04X", sent, crc),
          len - 2);
    }
    int u = b[off] & 0xFF;
    if (u != unit) {
      throw new ModbusException(
          DeviceErrors.FRAME_SYNTAX, "response from unit " + u + ", asked unit " + unit, 0);
    }
    int fc = b[off + 1] & 0xFF;
    if (fc == (function | 0x80)) {
      if (len != 5) {
        throw new ModbusException(
            DeviceErrors.FRAME_SYNTAX, "exception response has " + len + " bytes, expected 5", 2);
      }
      int code = b[off + 2] & 0xFF;
      throw new ModbusException(
          DeviceErrors.MODBUS_EXCEPTION,
          "unit "
              + unit
              + " answered function "
              + function
              + " with exception "
              + code
              + " ("
              + exceptionName(code)
              + ")",
          2,
          code);
    }
    if (fc != function) {
      throw new ModbusException(
          DeviceErrors.FRAME_SYNTAX,
          "response is for function " + fc + ", asked function " + function,
          1);
    }
  }

  /** The name of a Modbus exception code. */
  public static String exceptionName(int code) {
    switch (code) {
      case 1:
        return "illegal function";
      case 2:
        return "illegal data address";
      case 3:
        return "illegal data value";
      case 4:
        return "server device failure";
      case 5:
        return "acknowledge";
      case 6:
        return "server device busy";
      case 8:
        return "memory parity error";
      case 10:
        return "gateway path unavailable";
      case 11:
        return "gateway target device failed to respond";
      default:
        return "unknown exception code";
    }
  }

  /**
   * A request as a slave reads it (8 bytes for functions 03, 04 and 06).
   *
   * @param unit the unit addressed
   * @param function the function code
   * @param address the first register
   * @param value the register count (03, 04) or the value written (06)
   */
  public record Request(int unit, int function, int address, int value) {}

  /**
   * Parses a request of functions 03, 04 or 06 (8 bytes).
   *
   * @throws ModbusException for a bad CRC or length; an unsupported function is returned as is, for
   *     the slave to answer with exception 01
   */
  public static Request parseRequest(byte[] b, int off, int len) throws ModbusException {
    if (len != 8) {
      throw new ModbusException(
          DeviceErrors.FRAME_SYNTAX,
          "request of " + len + " bytes, expected 8",
          Math.max(0, len - 1));
    }
    int crc = crc16(b, off, 6);
    int sent = (b[off + 6] & 0xFF) | (b[off + 7] & 0xFF) << 8;
    if (crc != sent) {
      throw new ModbusException(DeviceErrors.FRAME_CHECKSUM, "request CRC does not match", 6);
    }
    return new Request(
        b[off] & 0xFF,
        b[off + 1] & 0xFF,
        ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF),
        ((b[off + 4] & 0xFF) << 8) | (b[off + 5] & 0xFF));
  }

  /** A read response with {@code registers} (each 0..65535). */
  public static byte[] readResponse(int unit, int function, int[] registers) {
    byte[] f = new byte[5 + 2 * registers.length];
    f[0] = (byte) unit;
    f[1] = (byte) function;
    f[2] = (byte) (2 * registers.length);
    for (int i = 0; i < registers.length; i++) {
      f[3 + 2 * i] = (byte) (registers[i] >>> 8);
      f[4 + 2 * i] = (byte) registers[i];
    }
    return withCrc(f, f.length - 2);
  }

  /** An exception response. */
  public static byte[] exceptionResponse(int unit, int function, int code) {
    return withCrc(new byte[] {(byte) unit, (byte) (function | 0x80), (byte) code, 0, 0}, 3);
  }
}
