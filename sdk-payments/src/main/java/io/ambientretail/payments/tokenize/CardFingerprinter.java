package io.ambientretail.payments.tokenize;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recognises a returning card without storing its number: a keyed fingerprint, HMAC-SHA256 of the
 * PAN digits under a secret key, written as unpadded base64url (43 characters).
 *
 * <p>The same PAN gives the same fingerprint under the same key; without the key a fingerprint
 * cannot be tested against guessed PANs (an unkeyed hash of a 16-digit PAN can be brute-forced).
 * Keep the key in a key store and rotate it with a re-fingerprinting plan. Thread-safe.
 */
public final class CardFingerprinter {
  private final Mac mac;

  private CardFingerprinter(Mac mac) {
    this.mac = mac;
  }

  /**
   * A fingerprinter with a secret key of at least 16 bytes (copied).
   *
   * @throws InvalidKeyException if the key is shorter than 16 bytes
   */
  public static CardFingerprinter create(byte[] key) throws GeneralSecurityException {
    Objects.requireNonNull(key, "key");
    if (key.length < 16) {
      throw new InvalidKeyException("a fingerprint key needs at least 16 bytes, was " + key.length);
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return new CardFingerprinter(mac);
  }

  /** The fingerprint of {@code pan}: 43 characters of base64url. */
  public String fingerprint(Pan pan) {
    byte[] ascii = pan.asciiDigits();
    try {
      byte[] h;
      synchronized (mac) {
        h = mac.doFinal(ascii);
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    } finally {
      Arrays.fill(ascii, (byte) 0);
    }
  }
}
