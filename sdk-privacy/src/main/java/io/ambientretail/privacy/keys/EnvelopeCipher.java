package io.ambientretail.privacy.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption at rest: each {@link #encrypt} draws a fresh 256-bit AES-GCM data key,
 * encrypts the data with it and stores the data key wrapped by the facility's KEK in the {@link
 * KeyStore}, all in one self-describing byte string.
 *
 * <p>Rotation without downtime: after {@link KeyStore#rotate}, new envelopes use the new KEK while
 * old ones still decrypt; {@link #rewrap} moves an envelope to the primary KEK by re-wrapping only
 * its data key, and then the old KEK can be destroyed.
 *
 * <p>Format: {@code 0x01 | kekVersion (4) | facilityLen (2) | facility | wrappedLen (2) | wrapped |
 * nonce (12) | ciphertext+tag}. The caller's associated data (say, the record id) is authenticated,
 * so an envelope cannot be moved to another record. Thread-safe.
 */
public final class EnvelopeCipher {
  private static final byte FORMAT = 1;
  private static final int NONCE = 12;

  /** Largest envelope {@link #decrypt} accepts, in bytes (64 MiB). */
  public static final int MAX_ENVELOPE = 64 << 20;

  private final KeyStore keys;
  private final SecureRandom random;

  private EnvelopeCipher(KeyStore keys, SecureRandom random) {
    this.keys = keys;
    this.random = random;
  }

  /** Creates a cipher over a key store, drawing data keys and nonces from {@code random}. */
  public static EnvelopeCipher create(KeyStore keys, SecureRandom random) {
    return new EnvelopeCipher(
        Objects.requireNonNull(keys, "keys"), Objects.requireNonNull(random, "random"));
  }

  /**
   * Encrypts {@code plaintext} for {@code facility}, binding {@code associatedData}.
   *
   * @throws GeneralSecurityException if the facility has no KEK or encryption fails
   */
  public byte[] encrypt(String facility, byte[] plaintext, byte[] associatedData)
      throws GeneralSecurityException {
    byte[] dek = new byte[32];
    random.nextBytes(dek);
    try {
      WrappedKey wrapped = keys.wrap(facility, dek);
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dek, "AES"), new GCMParameterSpec(128, nonce));
      c.updateAAD(associatedData);
      byte[] ct = c.doFinal(plaintext);
      return assemble(wrapped, nonce, ct, 0, ct.length);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /**
   * Decrypts an envelope made by {@link #encrypt} with the same associated data.
   *
   * @throws UnknownKeyException if its KEK version was destroyed (crypto-shredded)
   * @throws GeneralSecurityException if the envelope is malformed (the offset is named), altered or
   *     the associated data differs
   */
  public byte[] decrypt(byte[] envelope, byte[] associatedData) throws GeneralSecurityException {
    Parsed p = parse(envelope);
    byte[] dek = keys.unwrap(p.wrapped);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(dek, "AES"),
          new GCMParameterSpec(128, envelope, p.nonceAt, NONCE));
      c.updateAAD(associatedData);
      return c.doFinal(envelope, p.nonceAt + NONCE, envelope.length - p.nonceAt - NONCE);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /**
   * Re-wraps the envelope's data key under the facility's primary KEK; the encrypted data is copied
   * unchanged. Returns the envelope itself when it already uses the primary KEK.
   *
   * @throws GeneralSecurityException as {@link #decrypt} does
   */
  public byte[] rewrap(byte[] envelope) throws GeneralSecurityException {
    Parsed p = parse(envelope);
    if (p.wrapped.kekVersion() == keys.primaryVersion(p.wrapped.facility())) {
      return envelope.clone();
    }
    byte[] dek = keys.unwrap(p.wrapped);
    try {
      WrappedKey fresh = keys.wrap(p.wrapped.facility(), dek);
      byte[] nonce = Arrays.copyOfRange(envelope, p.nonceAt, p.nonceAt + NONCE);
      int ctAt = p.nonceAt + NONCE;
      return assemble(fresh, nonce, envelope, ctAt, envelope.length - ctAt);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /**
   * The KEK version an envelope's data key is wrapped under (to find envelopes to rewrap).
   *
   * @throws GeneralSecurityException if the envelope is malformed
   */
  public int kekVersion(byte[] envelope) throws GeneralSecurityException {
    return parse(envelope).wrapped.kekVersion();
  }

  private static byte[] assemble(WrappedKey w, byte[] nonce, byte[] ct, int off, int len) {
    byte[] fac = w.facility().getBytes(StandardCharsets.UTF_8);
    byte[] wk = w.bytes();
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + 2 + fac.length + 2 + wk.length + NONCE + len);
    b.put(FORMAT)
        .putInt(w.kekVersion())
        .putShort((short) fac.length)
        .put(fac)
        .putShort((short) wk.length)
        .put(wk)
        .put(nonce)
        .put(ct, off, len);
    return b.array();
  }

  private static final class Parsed {
    final WrappedKey wrapped;
    final int nonceAt;

    Parsed(WrappedKey wrapped, int nonceAt) {
      this.wrapped = wrapped;
      this.nonceAt = nonceAt;
    }
  }

  private static Parsed parse(byte[] e) throws GeneralSecurityException {
    if (e.length > MAX_ENVELOPE) {
      throw new GeneralSecurityException("envelope is larger than " + MAX_ENVELOPE + " bytes");
    }
    if (e.length < 1 + 4 + 2 || e[0] != FORMAT) {
      throw new GeneralSecurityException("envelope malformed at offset 0: unknown format");
    }
    ByteBuffer b = ByteBuffer.wrap(e);
    b.get();
    int version = b.getInt();
    if (version < 1) {
      throw new GeneralSecurityException("envelope malformed at offset 1: KEK version " + version);
    }
    int facLen = b.getShort() & 0xffff;
    if (facLen == 0 || b.remaining() < facLen + 2) {
      throw new GeneralSecurityException("envelope malformed at offset 5: facility length");
    }
    byte[] fac = new byte[facLen];
    b.get(fac);
    int wkAt = b.position();
    int wkLen = b.getShort() & 0xffff;
    if (wkLen == 0 || b.remaining() < wkLen + NONCE + 16) {
      throw new GeneralSecurityException(
          "envelope malformed at offset " + wkAt + ": wrapped key length");
    }
    byte[] wk = new byte[wkLen];
    b.get(wk);
    return new Parsed(
        new WrappedKey(new String(fac, StandardCharsets.UTF_8), version, wk), b.position());
  }

  @Override
  public String toString() {
    return "EnvelopeCipher{" + keys + "}";
  }
}
