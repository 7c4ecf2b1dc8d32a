package io.ambientretail.payments.emv.internal;

import java.util.Locale;

/** Hex text for AIDs, status words and commands; never used on card data. */
public final class Hex {
  private Hex() {}

  /** Upper-case hex of {@code b[off, off + len)}. */
  public static String of(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len * 2);
    for (int i = off; i < off + len; i++) {
      sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(b[i] & 0xF, 16));
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }

  /** Upper-case hex of {@code b}. */
  public static String of(byte[] b) {
    return of(b, 0, b.length);
  }

  /** The status word as four hex digits. */
  public static String sw(int sw) {
    return String.format(Locale.ROOT, "%04X", sw);
  }

  /**
   * Bytes from hex text.
   *
   * @throws IllegalArgumentException for an odd length or a non-hex character (position given)
   */
  public static byte[] parse(CharSequence hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("hex has an odd number of digits (" + hex.length() + ")");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < hex.length(); i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0 || hex.charAt(i) > 'f') {
        throw new IllegalArgumentException("hex has a non-hex character at position " + i);
      }
      out[i / 2] |= (byte) ((i & 1) == 0 ? d << 4 : d);
    }
    return out;
  }
}
