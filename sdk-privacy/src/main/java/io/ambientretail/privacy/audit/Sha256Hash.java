package io.ambientretail.privacy.audit;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
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

  /** The length of {@link #base64Url()}, in characters. */
  public static final int BASE64URL_LENGTH = 43;

  private static final HexFormat HEX = HexFormat.of();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

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

  /**
   * Parses 43 characters of unpadded base64url (RFC 4648 section 5), the form {@link #base64Url()}
   * writes.
   *
   * @throws IllegalArgumentException naming the position of the first bad character
   */
  public static Sha256Hash parseBase64Url(CharSequence text) {
    Objects.requireNonNull(text, "text");
    if (text.length() != BASE64URL_LENGTH) {
      throw new IllegalArgumentException(
          "a SHA-256 value is 43 base64url characters, was " + text.length() + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_')) {
        throw new IllegalArgumentException("not a base64url character at position " + i);
      }
    }
    byte[] b;
    try {
      b = Base64.getUrlDecoder().decode(text.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not canonical base64url: " + e.getMessage());
    }
    // The last character carries 4 bits of padding, which must be zero to be canonical.
    if (!B64URL.encodeToString(b).contentEquals(text)) {
      throw new IllegalArgumentException("not canonical base64url at position 42");
    }
    return new Sha256Hash(b);
  }

  /**
   * Parses either stored form: 64 hex digits (what version 1 of the audit store and export wrote)
   * or 43 base64url characters (what they write now).
   *
   * @throws IllegalArgumentException if the text is neither, naming the position of the first bad
   *     character
   */
  public static Sha256Hash parse(CharSequence text) {
    Objects.requireNonNull(text, "text");
    if (text.length() == BASE64URL_LENGTH) {
      return parseBase64Url(text);
    }
    if (text.length() == 2 * LENGTH) {
      return parseHex(text);
    }
    throw new IllegalArgumentException(
        "a SHA-256 value is 43 base64url characters or 64 hex"
            + " digits, was "
            + text.length()
            + " characters");
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return value.clone();
  }

  /** The bytes without copying; never modify. */
  byte[] unsafeBytes() {
    return value;
  }

  /**
   * The value as 43 characters of unpadded base64url: the form the audit store and export keep,
   * because hex runs of digits can look like card numbers to a PAN scanner (about 0.4% of SHA-256
   * hex strings hold a Luhn-valid 13 to 19 digit run; base64url practically never does).
   */
  public String base64Url() {
    return B64URL.encodeToString(value);
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
