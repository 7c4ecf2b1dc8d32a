package io.ambientretail.privacy.audit;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 value (32 bytes): an audit entry's hash, a Merkle tree node or root.
 *
 * <p>Immutable; {@link #bytes()} returns a copy. Compares in constant time.
 */
public final class Sha256Hash {
  /** The length of a SHA-256 value in bytes. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] value;

  private Sha256Hash(byte[] value) {
    this.value = value;
  }

  /**
   * Wraps a copy of 32 bytes.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static Sha256Hash of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a SHA-256 value is 32 bytes, was " + bytes.length);
    }
    return new Sha256Hash(bytes.clone());
  }

  /** Wraps 32 bytes without copying; the caller hands over the array. */
  static Sha256Hash wrap(byte[] bytes) {
    return new Sha256Hash(bytes);
  }

  /**
   * Parses 64 hexadecimal digits (either case).
   *
   * @throws IllegalArgumentException naming the position of the first bad character
   */
  public static Sha256Hash parseHex(CharSequence hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "a SHA-256 value is 64 hex digits, was " + hex.length() + " characters");
    }
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("not a hex digit at position " + i);
      }
    }
    return new Sha256Hash(HEX.parseHex(hex));
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return value.clone();
  }

  /** The bytes without copying; never modify. */
  byte[] unsafeBytes() {
    return value;
  }

  /** The value as 64 lower-case hex digits. */
  public String hex() {
    return HEX.formatHex(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sha256Hash && MessageDigest.isEqual(value, ((Sha256Hash) o).value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return hex();
  }
}
