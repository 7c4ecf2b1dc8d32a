package io.ambientretail.store.pay;

import io.ambientretail.payments.tokenize.CardFingerprinter;
import io.ambientretail.payments.tokenize.Pan;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokenizes with keyed HMAC-SHA-256: the payment token is a keyed hash written in letters only
 * ({@code tk_...}); the fingerprint is sdk-payments' {@link CardFingerprinter} (keyed HMAC,
 * base64url, {@code fp_...}) under a separate key. Neither looks like a card number. The store's
 * own token until sdk-payments' vault tokenization is wired. Thread-safe.
 */
public final class HmacCardTokenizer implements CardTokenizer {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
      .toCharArray();
  private final SecretKeySpec tokenKey;
  private final CardFingerprinter fingerprinter;

  /** A tokenizer with two 32-byte keys derived from {@code secret}. */
  public HmacCardTokenizer(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("tokenizer secret: at least 16 bytes");
    }
    this.tokenKey = new SecretKeySpec(derive(secret, "token"), "HmacSHA256");
    try {
      this.fingerprinter = CardFingerprinter.create(derive(secret, "fingerprint"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public TokenizedCard tokenize(CardNumber pan) {
    char[] d = pan.revealDigits();
    byte[] bytes = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(d)).array();
    try {
      String brand = brand(d);
      String fingerprint;
      try (Pan p = Pan.parse(CharBuffer.wrap(d))) {
        fingerprint = "fp_" + fingerprinter.fingerprint(p);
      }
      return new TokenizedCard("tk_" + letters(mac(tokenKey, bytes), 20), fingerprint,
          brand + " ••••" + pan.last4());
    } finally {
      Arrays.fill(d, '0');
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static String brand(char[] d) {
    if (d[0] == '4') {
      return "VISA";
    }
    if (d[0] == '5' || (d[0] == '2' && d[1] >= '2' && d[1] <= '7')) {
      return "MASTERCARD";
    }
    if (d[0] == '3' && (d[1] == '4' || d[1] == '7')) {
      return "AMEX";
    }
    return "CARD";
  }

  private static byte[] mac(SecretKeySpec key, byte[] data) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] derive(byte[] secret, String label) {
    return mac(new SecretKeySpec(secret, "HmacSHA256"), label.getBytes(StandardCharsets.UTF_8));
  }

  private static String letters(byte[] h, int n) {
    ByteBuffer b = ByteBuffer.wrap(h);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET[(b.get(i % h.length) & 0xff) % ALPHABET.length]);
    }
    return sb.toString();
  }
}
