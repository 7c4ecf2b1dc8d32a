package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import java.nio.charset.StandardCharsets;

/**
 * Parses NCI/Toledo "W" protocol responses, one frame per ETX (0x03) with the ETX removed:
 * {@code LF weight unit CR LF S status status [status] CR} after a weight, {@code LF S status
 * status CR} for status only, {@code LF ? CR} for an unknown command. The weight text may have a
 * decimal point and leading zeros or spaces; it becomes exact milligrams.
 *
 * <p>Immutable and thread-safe.
 */
public final class NciParser {
  /** The default longest frame accepted: 64 bytes. */
  public static final int DEFAULT_MAX_LENGTH = 64;

  private final int maxLength;

  private NciParser(int maxLength) {
    this.maxLength = maxLength;
  }

  /** A parser with {@link #DEFAULT_MAX_LENGTH}. */
  public static NciParser create() {
    return new NciParser(DEFAULT_MAX_LENGTH);
  }

  /** Parses a frame given as text. */
  public NciResponse parse(String frame) {
    byte[] b = frame.getBytes(StandardCharsets.ISO_8859_1);
    return parse(b, 0, b.length);
  }

  /**
   * Parses one frame (without its ETX).
   *
   * @throws ScaleFormatException naming the offset where the frame breaks the protocol
   */
  public NciResponse parse(byte[] b, int off, int len) {
    if (len > maxLength) {
      throw new ScaleFormatException("NCI frame of " + len + " bytes exceeds the limit of "
          + maxLength, maxLength);
    }
    int end = off + len;
    int i = off;
    if (i >= end || b[i] != '\n') {
      throw new ScaleFormatException("NCI frame must start with LF", 0);
    }
    i++;
    if (i + 1 < end + 0 && b[i] == '?' && b[i + 1] == '\r' && i + 2 == end) {
      return new NciResponse(null, "", 0, 0, -1, true);
    }
    Weight weight = null;
    String unit = "";
    if (i < end && b[i] != 'S') {
      int numStart = i;
      while (i < end && (b[i] == ' ' || b[i] == '-' || b[i] == '.' || b[i] >= '0' && b[i] <= '9')) {
        i++;
      }
      int numEnd = i;
      while (i < end && b[i] != '\r') {
        i++;
      }
      if (i == end) {
        throw new ScaleFormatException("weight line without CR", numStart - off);
      }
      unit = WeightText.unit(b, numEnd, i);
      if (unit.isEmpty()) {
        throw new ScaleFormatException("unknown or missing unit", numEnd - off);
      }
      int s = numStart;
      while (s < numEnd && b[s] == ' ') {
        s++;
      }
      weight = WeightText.parse(b, s, numEnd, unit);
      if (weight == null) {
        throw new ScaleFormatException("weight is not a decimal number in range", numStart - off);
      }
      i++;
      if (i >= end || b[i] != '\n') {
        throw new ScaleFormatException("expected LF after the weight line", i - off);
      }
      i++;
    }
    if (i >= end || b[i] != 'S') {
      throw new ScaleFormatException("expected 'S' and status bytes", i - off);
    }
    i++;
    int[] st = {-1, -1, -1};
    int k = 0;
    while (i < end && b[i] != '\r') {
      if (k == 3) {
        throw new ScaleFormatException("more than 3 status bytes", i - off);
      }
      int c = b[i] & 0xFF;
      if ((c & 0xF0) != 0x30) {
        throw new ScaleFormatException("status byte 0x" + Integer.toHexString(c)
            + " lacks the fixed bits 4 and 5", i - off);
      }
      st[k++] = c & 0x0F;
      i++;
    }
    if (k < 2) {
      throw new ScaleFormatException("need at least 2 status bytes", i - off);
    }
    if (i != end - 1) {
      throw new ScaleFormatException("expected CR at the end of the frame", i - off);
    }
    return new NciResponse(weight, unit, st[0], st[1], st[2], false);
  }
}
