package io.ambientretail.payments.emv.internal;

import org.jspecify.annotations.Nullable;

/** Card text (labels, names) made safe to show: printable ASCII only, trimmed, bounded. */
public final class Text {
  private Text() {}

  /** Printable ASCII of {@code b[off, off + len)} (others as '?'), trimmed; null when blank. */
  public static @Nullable String printable(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(Math.min(len, 64));
    for (int i = off; i < off + Math.min(len, 64); i++) {
      int c = b[i] & 0xFF;
      sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
    }
    String s = sb.toString().trim();
    return s.isEmpty() || s.equals("/") ? null : s;
  }
}
