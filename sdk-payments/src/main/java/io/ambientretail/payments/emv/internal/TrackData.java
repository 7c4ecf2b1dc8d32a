package io.ambientretail.payments.emv.internal;

import io.ambientretail.payments.tokenize.Pan;
import java.time.YearMonth;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads the PAN, expiry and name out of track data (57 / 9F6B packed BCD with a {@code D}
 * separator; 56 ASCII track 1 with {@code ^} separators) without turning the PAN into a String.
 */
public final class TrackData {
  /** The PAN, expiry and name found in one track. */
  public static final class Parsed {
    /** The PAN; the caller owns it. */
    public final Pan pan;

    /** The expiry, or null. */
    public final @Nullable YearMonth expiry;

    /** The cardholder name (track 1 only), or null. */
    public final @Nullable String name;

    Parsed(Pan pan, @Nullable YearMonth expiry, @Nullable String name) {
      this.pan = pan;
      this.expiry = expiry;
      this.name = name;
    }
  }

  private TrackData() {}

  /**
   * Parses track 2 packed BCD: PAN digits, {@code D}, YYMM, service code, discretionary data,
   * {@code F} padding.
   *
   * @throws IllegalArgumentException with a reason naming the digit position, never digits
   */
  public static Parsed track2(byte[] b, int off, int len) {
    int nibbles = len * 2;
    byte[] ascii = new byte[Math.min(nibbles, 20)];
    int n = 0;
    int sep = -1;
    try {
      for (int i = 0; i < nibbles; i++) {
        int nib = nibble(b, off, i);
        if (nib == 0xD) {
          sep = i;
          break;
        }
        if (nib > 9) {
          throw new IllegalArgumentException("track 2 has a non-digit at digit " + i);
        }
        if (n == ascii.length) {
          throw new IllegalArgumentException("track 2 has no separator within 20 digits");
        }
        ascii[n++] = (byte) ('0' + nib);
      }
      if (sep < 0) {
        throw new IllegalArgumentException("track 2 has no field separator");
      }
      YearMonth expiry = null;
      if (sep + 4 < nibbles) {
        int yy = nibble(b, off, sep + 1) * 10 + nibble(b, off, sep + 2);
        int mm = nibble(b, off, sep + 3) * 10 + nibble(b, off, sep + 4);
        expiry = yearMonth(yy, mm, "track 2 expiry");
      }
      Pan pan = Pan.fromAscii(ascii, 0, n);
      return new Parsed(pan, expiry, null);
    } finally {
      Arrays.fill(ascii, (byte) 0);
    }
  }

  /**
   * Parses track 1 ASCII: format code, PAN, {@code ^}, name, {@code ^}, YYMM, ...
   *
   * @throws IllegalArgumentException with a reason naming the position, never digits
   */
  public static Parsed track1(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    if (i < end && (b[i] == 'B' || b[i] == 'b' || b[i] == '%')) {
      i++;
      if (i < end && (b[i - 1] == '%') && (b[i] == 'B' || b[i] == 'b')) {
        i++;
      }
    }
    int panStart = i;
    while (i < end && b[i] != '^') {
      i++;
    }
    if (i >= end) {
      throw new IllegalArgumentException("track 1 has no field separator");
    }
    int panEnd = i;
    i++;
    int nameStart = i;
    while (i < end && b[i] != '^') {
      i++;
    }
    if (i >= end) {
      throw new IllegalArgumentException("track 1 has no second field separator");
    }
    String name = Text.printable(b, nameStart, i - nameStart);
    YearMonth expiry = null;
    if (i + 4 < end) {
      int yy = digit(b[i + 1]) * 10 + digit(b[i + 2]);
      int mm = digit(b[i + 3]) * 10 + digit(b[i + 4]);
      expiry = yearMonth(yy, mm, "track 1 expiry");
    }
    Pan pan = Pan.fromAscii(b, panStart, panEnd - panStart);
    return new Parsed(pan, expiry, name);
  }

  private static int digit(byte c) {
    if (c < '0' || c > '9') {
      throw new IllegalArgumentException("track 1 expiry is not numeric");
    }
    return c - '0';
  }

  /**
   * YYMM to a month in 2000-2099.
   *
   * @throws IllegalArgumentException for a month outside 1..12 or a non-digit
   */
  public static YearMonth yearMonth(int yy, int mm, String what) {
    if (yy < 0 || yy > 99 || mm < 1 || mm > 12) {
      throw new IllegalArgumentException(what + " is not a valid YYMM");
    }
    return YearMonth.of(2000 + yy, mm);
  }

  private static int nibble(byte[] b, int off, int i) {
    return (b[off + i / 2] >> ((i & 1) == 0 ? 4 : 0)) & 0xF;
  }
}
