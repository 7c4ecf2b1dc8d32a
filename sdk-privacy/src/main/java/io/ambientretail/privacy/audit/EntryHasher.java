package io.ambientretail.privacy.audit;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Computes entries' leaf hashes with one reusable buffer and one digest call per entry, which is
 * several times faster than feeding each field to the digest separately. Not thread-safe.
 */
final class EntryHasher {
  private static final byte FORMAT_VERSION = 1;

  private final MessageDigest sha = MerkleTree.sha256();
  private byte[] buf = new byte[1024];
  private int len;

  MessageDigest digest() {
    return sha;
  }

  byte[] leafHash(long seq, long micros, AuditEvent e, Sha256Hash prev) {
    len = 0;
    ensure(1 + 1 + 8 + 8 + 1);
    buf[len++] = 0x00;
    buf[len++] = FORMAT_VERSION;
    putLong(seq);
    putLong(micros);
    buf[len++] = (byte) e.outcome().ordinal();
    putString(e.actor());
    putString(e.action());
    putString(e.origin());
    putString(e.resource());
    putString(e.detail());
    ensure(Sha256Hash.LENGTH);
    System.arraycopy(prev.unsafeBytes(), 0, buf, len, Sha256Hash.LENGTH);
    len += Sha256Hash.LENGTH;
    sha.reset();
    sha.update(buf, 0, len);
    return sha.digest();
  }

  private void putLong(long v) {
    for (int i = 7; i >= 0; i--) {
      buf[len + i] = (byte) v;
      v >>>= 8;
    }
    len += 8;
  }

  /** A 4-byte big-endian UTF-8 length, then the UTF-8 bytes (fields hold no lone surrogates). */
  private void putString(String s) {
    int n = s.length();
    ensure(4 + 3 * n);
    int lenAt = len;
    len += 4;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[len++] = (byte) c;
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xc0 | (c >> 6));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[len++] = (byte) (0xf0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        buf[len++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        buf[len++] = (byte) (0xe0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[len++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    int bytes = len - lenAt - 4;
    buf[lenAt] = (byte) (bytes >>> 24);
    buf[lenAt + 1] = (byte) (bytes >>> 16);
    buf[lenAt + 2] = (byte) (bytes >>> 8);
    buf[lenAt + 3] = (byte) bytes;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
