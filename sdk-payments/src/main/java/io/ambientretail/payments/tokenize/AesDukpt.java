package io.ambientretail.payments.tokenize;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES DUKPT key derivation (ANSI X9.24-3-2017), host side (the reader side is {@link
 * AesDukptReader}): from a base derivation key (BDK) and a 12-byte key serial number (KSN = 8-byte
 * initial key ID + 4-byte transaction counter), derive the reader's initial key, the transaction's
 * derivation key and its working keys (PIN, MAC, data encryption) — for OEMs who build their own
 * card readers and encrypt card data at the reader.
 *
 * <pre>{@code
 * SecretKey data = AesDukpt.workingKey(bdk, ksn, AesDukpt.Usage.DATA_ENCRYPT_DECRYPT,
 *     AesDukpt.KeyType.AES128);
 * }</pre>
 *
 * <p>Security: a BDK unlocks every reader it was injected into; keep it in an HSM in production
 * (this class is for host software and tests that hold the key in memory). Stateless and
 * thread-safe. Invalid keys fail with {@link InvalidKeyException}; an invalid KSN with {@link
 * IllegalArgumentException}.
 */
public final class AesDukpt {
  /** The algorithm and length of a derived key (X9.24-3 Table 2). */
  public enum KeyType {
    /** AES with a 128-bit key. */
    AES128(0x0002, 128),
    /** AES with a 192-bit key. */
    AES192(0x0003, 192),
    /** AES with a 256-bit key. */
    AES256(0x0004, 256);

    final int algorithm;
    final int bits;

    KeyType(int algorithm, int bits) {
      this.algorithm = algorithm;
      this.bits = bits;
    }

    static KeyType ofLength(int bytes) throws InvalidKeyException {
      switch (bytes) {
        case 16:
          return AES128;
        case 24:
          return AES192;
        case 32:
          return AES256;
        default:
          throw new InvalidKeyException("an AES DUKPT key is 16, 24 or 32 bytes, was " + bytes);
      }
    }
  }

  /** What a working key is for (X9.24-3 key usage indicators). */
  public enum Usage {
    /** Key encryption key. */
    KEY_ENCRYPTION(0x0002),
    /** PIN encryption. */
    PIN_ENCRYPTION(0x1000),
    /** MAC generation. */
    MAC_GENERATION(0x2000),
    /** MAC verification. */
    MAC_VERIFICATION(0x2001),
    /** MAC generation and verification. */
    MAC_BOTH_WAYS(0x2002),
    /** Data encryption, encrypt. */
    DATA_ENCRYPT(0x3000),
    /** Data encryption, decrypt. */
    DATA_DECRYPT(0x3001),
    /** Data encryption, both ways. */
    DATA_ENCRYPT_DECRYPT(0x3002);

    final int indicator;

    Usage(int indicator) {
      this.indicator = indicator;
    }
  }

  static final int KEY_DERIVATION = 0x8000;
  private static final int INITIAL_KEY = 0x8001;

  private AesDukpt() {}

  /**
   * The initial key injected into the reader with {@code initialKeyId} (8 bytes: BDK ID and
   * derivation ID), of the BDK's type.
   */
  public static SecretKey initialKey(byte[] bdk, byte[] initialKeyId)
      throws GeneralSecurityException {
    Objects.requireNonNull(bdk, "bdk");
    if (initialKeyId.length != 8) {
      throw new IllegalArgumentException(
          "initial key ID must be 8 bytes, was " + initialKeyId.length);
    }
    KeyType type = KeyType.ofLength(bdk.length);
    byte[] data = derivationData(INITIAL_KEY, type, initialKeyId, 0, 0, true);
    return new SecretKeySpec(derive(bdk, type, data), "AES");
  }

  /**
   * The transaction's derivation key for {@code ksn} (12 bytes): the initial key walked down the
   * counter's set bits, from which the working keys are derived.
   *
   * @throws IllegalArgumentException if the KSN is not 12 bytes, its counter is 0, or it has more
   *     than 16 bits set (X9.24-3 never uses such counters)
   */
  public static SecretKey transactionKey(byte[] bdk, byte[] ksn) throws GeneralSecurityException {
    byte[] k = transactionKeyBytes(bdk, ksn);
    try {
      return new SecretKeySpec(k, "AES");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** A working key of {@code type} for {@code usage} in the transaction {@code ksn}. */
  public static SecretKey workingKey(byte[] bdk, byte[] ksn, Usage usage, KeyType type)
      throws GeneralSecurityException {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(type, "type");
    byte[] derivationKey = transactionKeyBytes(bdk, ksn);
    try {
      byte[] data = derivationData(usage.indicator, type, ksn, 4, counter(ksn), false);
      byte[] key = derive(derivationKey, type, data);
      try {
        return new SecretKeySpec(key, "AES");
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    } finally {
      Arrays.fill(derivationKey, (byte) 0);
    }
  }

  private static byte[] transactionKeyBytes(byte[] bdk, byte[] ksn)
      throws GeneralSecurityException {
    Objects.requireNonNull(bdk, "bdk");
    Objects.requireNonNull(ksn, "ksn");
    if (ksn.length != 12) {
      throw new IllegalArgumentException("an AES DUKPT KSN is 12 bytes, was " + ksn.length);
    }
    int counter = counter(ksn);
    if (counter == 0 || Integer.bitCount(counter) > 16) {
      throw new IllegalArgumentException(
          "transaction counter must be non-zero with at most 16 bits set");
    }
    KeyType type = KeyType.ofLength(bdk.length);
    byte[] key = initialKey(bdk, Arrays.copyOf(ksn, 8)).getEncoded();
    int working = 0;
    for (int mask = 0x80000000; mask != 0; mask >>>= 1) {
      if ((counter & mask) != 0) {
        working |= mask;
        byte[] data = derivationData(KEY_DERIVATION, type, ksn, 4, working, false);
        byte[] next = derive(key, type, data);
        Arrays.fill(key, (byte) 0);
        key = next;
      }
    }
    return key;
  }

  private static int counter(byte[] ksn) {
    return ((ksn[8] & 0xFF) << 24)
        | ((ksn[9] & 0xFF) << 16)
        | ((ksn[10] & 0xFF) << 8)
        | (ksn[11] & 0xFF);
  }

  /** X9.24-3 section 6.3.2: the 16-byte derivation data. */
  static byte[] derivationData(
      int usage, KeyType type, byte[] id, int idOffset, int counter, boolean initial) {
    byte[] d = new byte[16];
    d[0] = 1; // version
    d[1] = 1; // key block counter
    d[2] = (byte) (usage >>> 8);
    d[3] = (byte) usage;
    d[4] = (byte) (type.algorithm >>> 8);
    d[5] = (byte) type.algorithm;
    d[6] = (byte) (type.bits >>> 8);
    d[7] = (byte) type.bits;
    if (initial) {
      System.arraycopy(id, 0, d, 8, 8);
    } else {
      System.arraycopy(id, idOffset, d, 8, 4);
      d[12] = (byte) (counter >>> 24);
      d[13] = (byte) (counter >>> 16);
      d[14] = (byte) (counter >>> 8);
      d[15] = (byte) counter;
    }
    return d;
  }

  /** AES-ECB of the derivation data, one block per 128 bits of output with the block counter. */
  static byte[] derive(byte[] key, KeyType type, byte[] data) throws GeneralSecurityException {
    return derive(Cipher.getInstance("AES/ECB/NoPadding"), key, type, data);
  }

  /** As {@link #derive(byte[], KeyType, byte[])} with a reusable AES/ECB/NoPadding cipher. */
  static byte[] derive(Cipher aes, byte[] key, KeyType type, byte[] data)
      throws GeneralSecurityException {
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    int bytes = type.bits / 8;
    byte[] out = new byte[(bytes + 15) / 16 * 16];
    for (int i = 0; i * 16 < bytes; i++) {
      data[1] = (byte) (i + 1);
      aes.doFinal(data, 0, 16, out, i * 16);
    }
    byte[] result = Arrays.copyOf(out, bytes);
    Arrays.fill(out, (byte) 0);
    return result;
  }
}
