package io.ambientretail.devices.shelf;

import io.ambientretail.devices.DeviceErrors;
import java.nio.charset.StandardCharsets;

/**
 * Parses shelf controller lines (terminator removed) as defined in docs/shelf-protocol.md: {@code
 * C,<ms>,<counts>,...*HH}, {@code G,<ms>,<grams>,...*HH}, {@code E,<ms>,<ch>,<code>*HH}, {@code
 * I,<model>,<firmware>,<channels>*HH}, {@code A,<command>*HH}. {@code HH} is the XOR of every byte
 * before the {@code *}, as two upper-case hex digits.
 *
 * <p>Limits: at most {@code maxChannels} channels (default 64), counts within 32 bits, grams with
 * at most 3 decimals and at most 1,000,000 g. Immutable and thread-safe.
 */
public final class ShelfFrameParser {
  /** The default maximum channels per controller: 64. */
  public static final int DEFAULT_MAX_CHANNELS = 64;

  private final int maxChannels;

  private ShelfFrameParser(int maxChannels) {
    this.maxChannels = maxChannels;
  }

  /** A parser with {@link #DEFAULT_MAX_CHANNELS}. */
  public static ShelfFrameParser create() {
    return new ShelfFrameParser(DEFAULT_MAX_CHANNELS);
  }

  /** A parser accepting at most {@code maxChannels} (1..256) channel values per line. */
  public static ShelfFrameParser withMaxChannels(int maxChannels) {
    if (maxChannels < 1 || maxChannels > 256) {
      throw new IllegalArgumentException("maxChannels must be 1..256, was " + maxChannels);
    }
    return new ShelfFrameParser(maxChannels);
  }

  /** Parses a line given as text. */
  public ShelfFrame parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
    return parse(b, 0, b.length);
  }

  /**
   * Parses one line.
   *
   * @throws ShelfFormatException naming the offset where the line breaks the protocol
   */
  public ShelfFrame parse(byte[] b, int off, int len) {
    int end = off + len;
    if (len < 5) {
      throw err(DeviceErrors.FRAME_SYNTAX, "line too short", 0);
    }
    int star = end - 3;
    if (b[star] != '*') {
      throw err(DeviceErrors.FRAME_SYNTAX, "expected '*HH' checksum at the end", len - 3);
    }
    int sum = 0;
    for (int i = off; i < star; i++) {
      sum ^= b[i] & 0xFF;
    }
    int given = hex(b[star + 1], star + 1 - off) << 4 | hex(b[star + 2], star + 2 - off);
    if (given != sum) {
      throw err(
          DeviceErrors.FRAME_CHECKSUM,
          String.format(java.util.Locale.ROOT, "checksum is %02X, computed %02X", given, sum),
          star + 1 - off);
    }
    char type = (char) b[off];
    if (b[off + 1] != ',') {
      throw err(DeviceErrors.FRAME_SYNTAX, "expected ',' after the frame type", 1);
    }
    Cursor c = new Cursor(b, off, off + 2, star);
    switch (type) {
      case 'C':
      case 'G':
        {
          long ms = c.number(0, 0xFFFF_FFFFL);
          long[] tmp = new long[Math.min(maxChannels, 64)];
          int n = 0;
          while (c.more()) {
            if (n == maxChannels) {
              throw err(
                  DeviceErrors.FRAME_SYNTAX, "more than " + maxChannels + " channels", c.pos - off);
            }
            if (n == tmp.length) {
              tmp = java.util.Arrays.copyOf(tmp, Math.min(maxChannels, n * 2));
            }
            tmp[n++] = type == 'C' ? c.signed(Integer.MIN_VALUE, Integer.MAX_VALUE) : c.grams();
          }
          if (n == 0) {
            throw err(DeviceErrors.FRAME_SYNTAX, "no channel values", c.pos - off);
          }
          return new ShelfFrame(type, ms, java.util.Arrays.copyOf(tmp, n), -1, "");
        }
      case 'E':
        {
          long ms = c.number(0, 0xFFFF_FFFFL);
          int ch = (int) c.number(0, maxChannels - 1);
          String code = c.word();
          c.end();
          return new ShelfFrame('E', ms, new long[0], ch, code);
        }
      case 'I':
        {
          String model = c.word();
          String fw = c.word();
          int ch = (int) c.number(1, maxChannels);
          c.end();
          return new ShelfFrame('I', 0, new long[0], ch, model + " " + fw);
        }
      case 'A':
        {
          String what = c.rest();
          return new ShelfFrame('A', 0, new long[0], -1, what);
        }
      default:
        throw err(DeviceErrors.FRAME_SYNTAX, "unknown frame type '" + type + "'", 0);
    }
  }

  private static int hex(byte c, int at) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw err(DeviceErrors.FRAME_SYNTAX, "checksum must be upper-case hex", at);
  }

  private static ShelfFormatException err(io.ambientretail.core.ErrorCode code, String m, int at) {
    return new ShelfFormatException(code, m, at);
  }

  /** Walks comma-separated fields between two offsets. */
  private static final class Cursor {
    final byte[] b;
    final int base;
    final int end;
    int pos;

    Cursor(byte[] b, int base, int pos, int end) {
      this.b = b;
      this.base = base;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    private int fieldEnd() {
      if (pos >= end) {
        throw err(DeviceErrors.FRAME_SYNTAX, "missing field", pos - base);
      }
      int i = pos;
      while (i < end && b[i] != ',') {
        i++;
      }
      if (i == pos) {
        throw err(DeviceErrors.FRAME_SYNTAX, "empty field", pos - base);
      }
      return i;
    }

    private void next(int fe) {
      pos = fe < end ? fe + 1 : fe;
      if (fe < end && pos == end) {
        throw err(DeviceErrors.FRAME_SYNTAX, "trailing ','", fe - base);
      }
    }

    long number(long min, long max) {
      return signed(min, max);
    }

    long signed(long min, long max) {
      int fe = fieldEnd();
      int i = pos;
      boolean neg = b[i] == '-';
      if (neg) {
        i++;
      }
      if (i == fe || fe - i > 10) {
        throw err(DeviceErrors.FRAME_SYNTAX, "bad number", pos - base);
      }
      long v = 0;
      for (; i < fe; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          throw err(DeviceErrors.FRAME_SYNTAX, "non-digit in number", i - base);
        }
        v = v * 10 + d;
      }
      if (neg) {
        v = -v;
      }
      if (v < min || v > max) {
        throw err(
            DeviceErrors.FRAME_SYNTAX,
            "number " + v + " out of range " + min + ".." + max,
            pos - base);
      }
      next(fe);
      return v;
    }

    long grams() {
      int fe = fieldEnd();
      int i = pos;
      boolean neg = b[i] == '-';
      if (neg) {
        i++;
      }
      long v = 0;
      int digits = 0;
      int dec = -1;
      for (; i < fe; i++) {
        int c = b[i];
        if (c == '.' && dec < 0) {
          dec = 0;
          continue;
        }
        int d = c - '0';
        if (d < 0 || d > 9) {
          throw err(DeviceErrors.FRAME_SYNTAX, "bad grams value", i - base);
        }
        if (++digits > 10 || dec >= 3) {
          throw err(DeviceErrors.FRAME_SYNTAX, "grams value too long or over 3 decimals", i - base);
        }
        v = v * 10 + d;
        if (dec >= 0) {
          dec++;
        }
      }
      if (digits == 0) {
        throw err(DeviceErrors.FRAME_SYNTAX, "bad grams value", pos - base);
      }
      for (int k = Math.max(dec, 0); k < 3; k++) {
        v *= 10;
      }
      if (v > 1_000_000_000L) {
        throw err(DeviceErrors.FRAME_SYNTAX, "grams value above 1,000,000 g", pos - base);
      }
      next(fe);
      return neg ? -v : v;
    }

    String word() {
      int fe = fieldEnd();
      for (int i = pos; i < fe; i++) {
        if (b[i] < 0x21 || b[i] > 0x7E) {
          throw err(DeviceErrors.FRAME_SYNTAX, "non-printable byte", i - base);
        }
      }
      String s = new String(b, pos, fe - pos, StandardCharsets.US_ASCII);
      next(fe);
      return s;
    }

    String rest() {
      if (pos >= end) {
        throw err(DeviceErrors.FRAME_SYNTAX, "missing field", pos - base);
      }
      for (int i = pos; i < end; i++) {
        if (b[i] < 0x20 || b[i] > 0x7E) {
          throw err(DeviceErrors.FRAME_SYNTAX, "non-printable byte", i - base);
        }
      }
      String s = new String(b, pos, end - pos, StandardCharsets.US_ASCII);
      pos = end;
      return s;
    }

    void end() {
      if (pos != end) {
        throw err(DeviceErrors.FRAME_SYNTAX, "unexpected extra field", pos - base);
      }
    }
  }

  /** The checksum of {@code body} (everything before the {@code *}), as two hex digits. */
  public static String checksum(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum ^= body.charAt(i) & 0xFF;
    }
    return String.format(java.util.Locale.ROOT, "%02X", sum);
  }
}
