package io.ambientretail.payments.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A {@link RecordLog} whose records are each sealed with AES-GCM (the JDK's provider): a random
 * 96-bit nonce per record, a 128-bit tag, and the record's position as associated data, so a record
 * cannot be altered, moved or swapped with another without the open failing.
 *
 * <p>Thread-safe.
 */
public final class SealedLog implements AutoCloseable {
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final RecordLog log;
  private final SecretKey key;
  private final SecureRandom random;
  private final String purpose;
  private long count;

  private SealedLog(RecordLog log, SecretKey key, SecureRandom random, String purpose, long count) {
    this.log = log;
    this.key = key;
    this.random = random;
    this.purpose = purpose;
    this.count = count;
  }

  /**
   * Opens the log and decrypts every record into {@code out}.
   *
   * @param purpose bound into every record's associated data, e.g. {@code "saf-v1"}
   * @throws GeneralSecurityException if a record does not decrypt (wrong key, tampering)
   */
  public static SealedLog open(Path file, SecretKey key, String purpose, List<byte[]> out)
      throws IOException, GeneralSecurityException {
    if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
      throw new java.security.InvalidKeyException("store-and-forward needs an AES key");
    }
    RecordLog log = RecordLog.open(file);
    List<byte[]> plain = new ArrayList<>();
    long i = 0;
    try {
      for (byte[] sealed : log.recovered()) {
        plain.add(open(key, purpose, i, sealed));
        i++;
      }
    } catch (GeneralSecurityException e) {
      log.close();
      throw new GeneralSecurityException(
          "store-and-forward record "
              + i
              + " of "
              + file.getFileName()
              + " does not decrypt: wrong key or altered file",
          e);
    }
    out.addAll(plain);
    return new SealedLog(log, key, new SecureRandom(), purpose, i);
  }

  private static byte[] open(SecretKey key, String purpose, long index, byte[] sealed)
      throws GeneralSecurityException {
    if (sealed.length < NONCE + TAG_BITS / 8) {
      throw new javax.crypto.AEADBadTagException("record too short");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
    c.updateAAD(aad(purpose, index));
    return c.doFinal(sealed, NONCE, sealed.length - NONCE);
  }

  private static byte[] aad(String purpose, long index) {
    byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(p.length + 8).put(p).putLong(index).array();
  }

  private byte[] seal(byte[] plain, long index) throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(aad(purpose, index));
    byte[] ct = c.doFinal(plain);
    return ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
  }

  /** Seals and appends one record, forced to disk before returning. */
  public synchronized void append(byte[] plain) throws IOException, GeneralSecurityException {
    log.append(seal(plain, count));
    count++;
  }

  /** Replaces the whole log with {@code plains}, sealed afresh, atomically. */
  public synchronized void rewrite(List<byte[]> plains)
      throws IOException, GeneralSecurityException {
    List<byte[]> sealed = new ArrayList<>();
    long i = 0;
    for (byte[] p : plains) {
      sealed.add(seal(p, i++));
    }
    log.rewrite(sealed);
    count = i;
  }

  /** Closes the file. */
  @Override
  public void close() throws IOException {
    log.close();
  }
}
