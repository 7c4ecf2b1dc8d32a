package io.ambientretail.payments.terminal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local-terminal encryption of nexo messages: the body is the whole JSON message, encrypted
 * with AES-256-CBC (PKCS#7 padding) under an IV that is the key's base IV XOR a fresh 16-byte
 * nonce, and authenticated by HMAC-SHA256 over the plaintext; the clear header and the security
 * trailer travel beside it.
 *
 * <p>Stateless and thread-safe. Failures are {@link GeneralSecurityException}s: a trailer naming
 * another key, a bad HMAC or undecryptable bytes; the plaintext of a message that fails its HMAC is
 * never returned.
 */
public final class NexoCrypto {
  private static final int CRYPTO_VERSION = 1;

  private NexoCrypto() {}

  /**
   * Encrypts the JSON message {@code plaintext} (as written by {@link NexoCodec}) under {@code
   * key}.
   *
   * @param header the clear header sent beside the encrypted body
   */
  public static SecuredMessage encrypt(
      boolean request, MessageHeader header, byte[] plaintext, NexoKey key, SecureRandom random)
      throws GeneralSecurityException {
    Objects.requireNonNull(header, "header");
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.cipherKey(), "AES"), iv(key, nonce));
    byte[] blob = c.doFinal(plaintext);
    SecurityTrailer t =
        new SecurityTrailer(
            key.keyIdentifier(), key.keyVersion(), CRYPTO_VERSION, nonce, hmac(key, plaintext));
    return new SecuredMessage(request, header, t, blob);
  }

  /**
   * Decrypts and verifies {@code message}, returning the plaintext JSON message (read it with
   * {@link NexoCodec#read(byte[])}).
   *
   * @throws GeneralSecurityException if the trailer names another key or version, the crypto
   *     version is not 1, the body does not decrypt, or the HMAC does not match
   */
  public static byte[] decrypt(SecuredMessage message, NexoKey key)
      throws GeneralSecurityException {
    SecurityTrailer t = message.trailer();
    if (!key.names(t)) {
      throw new GeneralSecurityException("message is encrypted under another key or key version");
    }
    if (t.cryptoVersion() != CRYPTO_VERSION) {
      throw new GeneralSecurityException("unsupported crypto version " + t.cryptoVersion());
    }
    byte[] nonce = t.nonce();
    if (nonce.length != 16) {
      throw new GeneralSecurityException("nonce must be 16 bytes");
    }
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.cipherKey(), "AES"), iv(key, nonce));
    byte[] plain;
    try {
      plain = c.doFinal(message.blob());
    } catch (GeneralSecurityException e) {
      throw new AEADBadTagException("encrypted body does not decrypt under this key");
    }
    if (!MessageDigest.isEqual(hmac(key, plain), t.hmac())) {
      Arrays.fill(plain, (byte) 0);
      throw new AEADBadTagException("HMAC does not match: message altered or wrong key");
    }
    return plain;
  }

  private static IvParameterSpec iv(NexoKey key, byte[] nonce) {
    byte[] iv = key.iv();
    for (int i = 0; i < iv.length; i++) {
      iv[i] ^= nonce[i];
    }
    return new IvParameterSpec(iv);
  }

  private static byte[] hmac(NexoKey key, byte[] plaintext) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.hmacKey(), "HmacSHA256"));
    return mac.doFinal(plaintext);
  }
}
