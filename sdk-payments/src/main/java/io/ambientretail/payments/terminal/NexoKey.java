package io.ambientretail.payments.terminal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The shared key of the local-terminal encryption, derived from the passphrase configured on the
 * terminal: PBKDF2-HMAC-SHA1 with salt {@code AdyenNexoV1Salt} and 4,000 iterations gives 80 bytes,
 * split into the HMAC-SHA256 key (32), the AES-256 key (32) and the base IV (16).
 *
 * <p><b>Security.</b> {@code toString} shows only the key identifier and version; {@link #wipe()}
 * zeroes the material. The caller owns (and should wipe) the passphrase array it passed in.
 * Thread-safe until wiped.
 */
public final class NexoKey {
  private static final byte[] SALT =
      "AdyenNexoV1Salt".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final int ITERATIONS = 4000;

  private final String keyIdentifier;
  private final int keyVersion;
  private final byte[] material;

  private NexoKey(String keyIdentifier, int keyVersion, byte[] material) {
    this.keyIdentifier = keyIdentifier;
    this.keyVersion = keyVersion;
    this.material = material;
  }

  /**
   * Derives the key named {@code keyIdentifier} version {@code keyVersion} from {@code passphrase}.
   *
   * @throws GeneralSecurityException if the JDK lacks PBKDF2WithHmacSHA1
   */
  public static NexoKey derive(String keyIdentifier, int keyVersion, char[] passphrase)
      throws GeneralSecurityException {
    Objects.requireNonNull(keyIdentifier, "keyIdentifier");
    if (keyIdentifier.isBlank() || passphrase.length == 0) {
      throw new IllegalArgumentException("key identifier and passphrase must not be empty");
    }
    PBEKeySpec spec = new PBEKeySpec(passphrase, SALT, ITERATIONS, 80 * 8);
    try {
      byte[] m =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
      return new NexoKey(keyIdentifier, keyVersion, m);
    } finally {
      spec.clearPassword();
    }
  }

  /** The key identifier both ends agreed. */
  public String keyIdentifier() {
    return keyIdentifier;
  }

  /** The key version. */
  public int keyVersion() {
    return keyVersion;
  }

  byte[] hmacKey() {
    return Arrays.copyOfRange(material, 0, 32);
  }

  byte[] cipherKey() {
    return Arrays.copyOfRange(material, 32, 64);
  }

  byte[] iv() {
    return Arrays.copyOfRange(material, 64, 80);
  }

  /** True when this key is the one a trailer names (identifier and version). */
  boolean names(SecurityTrailer t) {
    return MessageDigest.isEqual(
            keyIdentifier.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            t.keyIdentifier().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        && keyVersion == t.keyVersion();
  }

  /** Zeroes the key material; the key cannot be used afterwards. */
  public void wipe() {
    Arrays.fill(material, (byte) 0);
  }

  @Override
  public String toString() {
    return "NexoKey[" + keyIdentifier + " v" + keyVersion + ", material redacted]";
  }
}
