package io.ambientretail.store.pay;

import io.ambientretail.devices.ApduChannel;
import io.ambientretail.payments.emv.CardRead;
import io.ambientretail.payments.emv.EmvCardReader;
import io.ambientretail.payments.emv.EmvReaderConfig;
import io.ambientretail.payments.tokenize.CardFingerprinter;
import io.ambientretail.payments.tokenize.TokenPolicy;
import io.ambientretail.payments.tokenize.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads a tapped card with the SDK's EMV flow over any {@link ApduChannel} (an in-process virtual
 * card, or a PC/SC reader) and turns it at once into a {@link CardTap}: FF1 token ({@link
 * Tokenizer}) and keyed fingerprint ({@link CardFingerprinter}). The PAN lives only inside the
 * {@link CardRead}, which is closed (wiped) before this returns.
 *
 * <p>Thread-safe.
 */
public final class CardTaps {
  private final EmvCardReader reader;
  private final Tokenizer tokenizer;
  private final CardFingerprinter fingerprinter;

  private CardTaps(EmvCardReader reader, Tokenizer tokenizer, CardFingerprinter fingerprinter) {
    this.reader = reader;
    this.tokenizer = tokenizer;
    this.fingerprinter = fingerprinter;
  }

  /**
   * Card taps whose token and fingerprint keys are derived (HMAC-SHA-256, separate labels) from
   * {@code secret}.
   *
   * @throws IllegalArgumentException if the secret is shorter than 16 bytes
   */
  public static CardTaps create(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("card key secret: at least 16 bytes");
    }
    try {
      // Version 1 tokens (earlier releases) kept BIN 6 and last 4 of every PAN; they still
      // detokenize. New tokens are version 2, whose policy always encrypts at least 6 digits.
      Tokenizer t =
          Tokenizer.builder()
              .key(
                  1,
                  derive(secret, "ff1-token"),
                  TokenPolicy.legacy(6, true, TokenPolicy.Luhn.INVALID))
              .key(2, derive(secret, "ff1-token-v2"))
              .currentKeyVersion(2)
              .build();
      CardFingerprinter f = CardFingerprinter.create(derive(secret, "fingerprint"));
      return new CardTaps(EmvCardReader.create(EmvReaderConfig.builder().build()), t, f);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("card keys: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the card on {@code channel} and returns its token and fingerprint.
   *
   * @throws IOException if the card cannot be read (an {@code EmvException} for card data)
   */
  public CardTap read(ApduChannel channel) throws IOException {
    try (CardRead read = reader.read(channel)) {
      String token = tokenizer.tokenize(read.pan()).text();
      String fingerprint = "fp_" + fingerprinter.fingerprint(read.pan());
      return new CardTap(token, fingerprint, read.brand().name() + " ••••" + read.pan().last4());
    }
  }

  static byte[] derive(byte[] secret, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
