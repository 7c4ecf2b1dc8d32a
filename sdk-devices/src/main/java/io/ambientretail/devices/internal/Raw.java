package io.ambientretail.devices.internal;

/** Shows raw device bytes safely: printable ASCII kept, the rest as {@code <XX>}, truncated. */
public final class Raw {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Raw() {}

  /** At most {@code max} bytes of the range, escaped; "..." marks a cut. */
  public static String show(byte[] b, int off, int len, int max) {
    StringBuilder sb = new StringBuilder(Math.min(len, max) + 8);
    int n = Math.min(len, max);
    for (int i = 0; i < n; i++) {
      int c = b[off + i] & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '<') {
        sb.append((char) c);
      } else {
        sb.append('<').append(HEX[c >> 4]).append(HEX[c & 15]).append('>');
      }
    }
    if (len > n) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** The range as ISO-8859-1 text (one char per byte). */
  public static String latin1(byte[] b, int off, int len) {
    return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
