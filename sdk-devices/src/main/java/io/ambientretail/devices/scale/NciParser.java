package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Parses NCI/Toledo "W" protocol responses, one frame per ETX (0x03) with the ETX removed: {@code
 * LF weight unit CR LF status status [status...] CR} after a weight, {@code LF status status CR}
 * for status only, {@code LF ? CR} for an unknown command. The weight text may have a decimal
 * point, a minus sign and leading zeros or spaces; it becomes exact milligrams. A weight field of
 * carets, underscores or dashes (the display's upper, lower or middle bars) means over capacity,
 * under capacity or a zeroing error. Status bytes follow {@link NciResponse}; an 'S' before them,
 * which some emulations send, is accepted.
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
      throw new ScaleFormatException(
          "NCI frame of " + len + " bytes exceeds the limit of " + maxLength, maxLength);
    }
    int end = off + len;
    if (len == 0 || b[off] != '\n') {
      throw new ScaleFormatException("NCI frame must start with LF", 0);
    }
    if (b[end - 1] != '\r') {
      throw new ScaleFormatException("expected CR at the end of the frame", len - 1);
    }
    // Status bytes always have bits 4 and 5 set, so the first CR ends the first line.
    int cr = off + 1;
    while (b[cr] != '\r') {
      cr++;
    }
    if (cr == end - 1) { // one line: status only, or '?'
      if (cr == off + 2 && b[off + 1] == '?') {
        return new NciResponse(null, "", 0, 0, -1, true, -1, NciResponse.WeightField.NONE);
      }
      return status(b, off, off + 1, cr, null, "", NciResponse.WeightField.NONE);
    }
    if (b[cr + 1] != '\n') {
      throw new ScaleFormatException("expected LF after the weight line", cr + 1 - off);
    }
    int from = off + 1;
    while (from < cr && b[from] == ' ') {
      from++;
    }
    int to = cr;
    while (to > from && b[to - 1] == ' ') {
      to--;
    }
    NciResponse.WeightField field = bars(b, from, to);
    if (field != null) {
      return status(b, off, cr + 2, end - 1, null, unitAfterBars(b, from, to, off), field);
    }
    int numEnd = from;
    while (numEnd < to
        && (b[numEnd] == ' '
            || b[numEnd] == '-'
            || b[numEnd] == '.'
            || b[numEnd] >= '0' && b[numEnd] <= '9')) {
      numEnd++;
    }
    int unitFrom = numEnd;
    while (unitFrom < to && b[unitFrom] == ' ') {
      unitFrom++;
    }
    String unit = WeightText.unit(b, unitFrom, to);
    if (unit.isEmpty()) {
      throw new ScaleFormatException("unknown or missing unit", numEnd - off);
    }
    int numTo = numEnd;
    while (numTo > from && b[numTo - 1] == ' ') {
      numTo--;
    }
    Weight weight = WeightText.parse(b, from, numTo, unit);
    if (weight == null) {
      throw new ScaleFormatException("weight is not a decimal number in range", from - off);
    }
    return status(b, off, cr + 2, end - 1, weight, unit, NciResponse.WeightField.WEIGHT);
  }

  /** The bars a display shows instead of a weight, or null for a number. */
  private static NciResponse.@Nullable WeightField bars(byte[] b, int from, int to) {
    if (from >= to) {
      return null;
    }
    byte c = b[from];
    if (c != '^' && c != '_' && c != '-') {
      return null;
    }
    int n = 0;
    int i = from;
    while (i < to && (b[i] == c || b[i] == ' ')) {
      n += b[i] == c ? 1 : 0;
      i++;
    }
    if (c == '-' && (n < 2 || i < to && b[i] >= '0' && b[i] <= '9')) {
      return null; // a minus sign
    }
    return c == '^'
        ? NciResponse.WeightField.OVER_CAPACITY
        : c == '_' ? NciResponse.WeightField.UNDER_CAPACITY : NciResponse.WeightField.ZERO_ERROR;
  }

  private static String unitAfterBars(byte[] b, int from, int to, int off) {
    byte c = b[from];
    int i = from;
    while (i < to && (b[i] == c || b[i] == ' ')) {
      i++;
    }
    if (i == to) {
      return "";
    }
    String unit = WeightText.unit(b, i, to);
    if (unit.isEmpty()) {
      throw new ScaleFormatException("unknown unit after the display bars", i - off);
    }
    return unit;
  }

  /**
   * Reads the status line {@code b[from, to)}: an optional 'S' (sent by some emulations, never a
   * status byte since bit 5 is clear), then at least 2 status bytes chained by bit 6.
   */
  private static NciResponse status(
      byte[] b,
      int off,
      int from,
      int to,
      @Nullable Weight weight,
      String unit,
      NciResponse.WeightField field) {
    int i = from;
    if (i < to && b[i] == 'S') {
      i++;
    }
    int[] st = {-1, -1, -1, -1};
    int k = 0;
    boolean more = true;
    while (i < to) {
      int c = b[i] & 0x7F; // bit 7 is parity
      if ((c & 0x30) != 0x30) {
        throw new ScaleFormatException(
            "status byte 0x" + Integer.toHexString(b[i] & 0xFF) + " lacks the fixed bits 4 and 5",
            i - off);
      }
      if (!more) {
        throw new ScaleFormatException(
            "status byte after one whose bit 6 said it was the last", i - off);
      }
      if (k < st.length) {
        st[k] = c & 0x0F;
      }
      more = k == 0 || (c & 0x40) != 0; // byte 2 always follows byte 1
      k++;
      i++;
    }
    if (k < 2) {
      throw new ScaleFormatException("need at least 2 status bytes", i - off);
    }
    if (more) {
      throw new ScaleFormatException(
          "the last status byte has bit 6 set (another should follow)", i - 1 - off);
    }
    return new NciResponse(weight, unit, st[0], st[1], st[2], false, st[3], field);
  }
}
