package io.ambientretail.payments.tokenize;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES DUKPT (ANSI X9.24-3-2017) on the reader: holds the initial key injected into the device, the
 * transaction counter and the 32 intermediate derivation key registers, and hands out one {@link
 * Transaction} per counter value, whose keys equal those {@link AesDukpt} derives on the host from
 * the BDK and the transaction's KSN.
 *
 * <p>The initial key itself is not kept: loading it fills the registers with the keys for the
 * counters {@code 1 << i} and wipes it. Each {@link #nextTransaction()} takes the register of the
 * counter's lowest set bit, derives from it the registers for the bits below (the "future" keys),
 * wipes it and advances the counter, so a key once used cannot be recomputed from what the device
 * still holds.
 *
 * <p>Counter rules of the standard: only counters with at most 16 one-bits are used. After a
 * counter with fewer than 16 one-bits the next is the counter plus one; after one with exactly 16
 * the counter jumps by its lowest set bit (skipping every value with 17 or more), without deriving
 * future keys. The last usable counter is {@link #MAX_COUNTER} ({@code FFFF0000}); after it the
 * reader is exhausted and {@link #nextTransaction()} throws {@link DukptExhaustedException}: the
 * device needs a new initial key.
 *
 * <pre>{@code
 * try (AesDukptReader reader = AesDukptReader.loadInitialKey(initialKey, initialKeyId);
 *     AesDukptReader.Transaction tx = reader.nextTransaction()) {
 *   SecretKey data = tx.workingKey(AesDukpt.Usage.DATA_ENCRYPT, AesDukpt.KeyType.AES128);
 *   send(tx.ksn(), encrypt(data, track2));
 * }
 * }</pre>
 *
 * <p>Security: the registers are key material; persist them only in the device's secure storage.
 * {@link #close()} wipes them. Not thread-safe: one transaction at a time, as on a device.
 */
public final class AesDukptReader implements AutoCloseable {
  /** The last transaction counter the standard allows ({@code 0xFFFF0000}, 16 one-bits). */
  public static final long MAX_COUNTER = 0xFFFF0000L;

  /** The largest number of one-bits in a usable counter. */
  public static final int MAX_ONE_BITS = 16;

  private static final int REGISTERS = 32;

  private final byte[] initialKeyId;
  private final AesDukpt.KeyType type;
  private final byte[][] registers = new byte[REGISTERS][];
  private final Cipher aes;
  private long counter;
  private boolean closed;

  private AesDukptReader(byte[] initialKeyId, AesDukpt.KeyType type)
      throws GeneralSecurityException {
    this.initialKeyId = initialKeyId;
    this.type = type;
    this.aes = Cipher.getInstance("AES/ECB/NoPadding");
  }

  /**
   * Loads the initial key injected into the device with its 8-byte initial key ID (BDK ID and
   * derivation ID) and makes the reader ready for counter 1. The caller wipes its copy of the key.
   *
   * @throws InvalidKeyException if the key is not 16, 24 or 32 bytes
   * @throws IllegalArgumentException if the initial key ID is not 8 bytes
   */
  public static AesDukptReader loadInitialKey(byte[] initialKey, byte[] initialKeyId)
      throws GeneralSecurityException {
    Objects.requireNonNull(initialKey, "initialKey");
    Objects.requireNonNull(initialKeyId, "initialKeyId");
    if (initialKeyId.length != 8) {
      throw new IllegalArgumentException(
          "initial key ID must be 8 bytes, was " + initialKeyId.length);
    }
    AesDukptReader r =
        new AesDukptReader(initialKeyId.clone(), AesDukpt.KeyType.ofLength(initialKey.length));
    r.deriveFutureKeys(initialKey, 0L, REGISTERS - 1);
    r.counter = 1;
    return r;
  }

  /** Convenience for {@link #loadInitialKey(byte[], byte[])} with a {@link SecretKey}. */
  public static AesDukptReader loadInitialKey(SecretKey initialKey, byte[] initialKeyId)
      throws GeneralSecurityException {
    byte[] k = Objects.requireNonNull(initialKey, "initialKey").getEncoded();
    try {
      return loadInitialKey(k, initialKeyId);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /**
   * A reader resumed at {@code counter} with the given registers (index = bit position; null for a
   * register not in use), e.g. from the device's secure storage; the arrays are copied.
   */
  static AesDukptReader resume(
      byte[] initialKeyId, AesDukpt.KeyType type, long counter, byte[][] registers)
      throws GeneralSecurityException {
    AesDukptReader r = new AesDukptReader(initialKeyId.clone(), type);
    for (int i = 0; i < REGISTERS; i++) {
      r.registers[i] = registers[i] == null ? null : registers[i].clone();
    }
    r.counter = counter;
    return r;
  }

  /**
   * The counter the next transaction will use (an unsigned 32-bit value), or above {@link
   * #MAX_COUNTER} once exhausted.
   */
  public long counter() {
    return counter;
  }

  /** True when no counter is left: the device needs a new initial key. */
  public boolean isExhausted() {
    return counter > MAX_COUNTER;
  }

  /**
   * Starts the transaction for the current counter and advances the reader past it (the register
   * used is wiped before this returns). Close the transaction when its keys are derived.
   *
   * @throws DukptExhaustedException if the counter passed {@link #MAX_COUNTER}
   * @throws IllegalStateException if the reader was closed or its registers are inconsistent
   */
  public Transaction nextTransaction() throws GeneralSecurityException {
    if (closed) {
      throw new IllegalStateException("the DUKPT reader was closed");
    }
    if (isExhausted()) {
      throw new DukptExhaustedException(
          "DUKPT transaction counter exhausted after "
              + Long.toHexString(MAX_COUNTER).toUpperCase(java.util.Locale.ROOT)
              + ": load a new initial key");
    }
    int bit = Long.numberOfTrailingZeros(counter);
    byte[] current = registers[bit];
    if (current == null) {
      throw new IllegalStateException(
          "no intermediate derivation key for counter "
              + Long.toHexString(counter)
              + " (register "
              + bit
              + " not in use)");
    }
    Transaction tx = new Transaction(ksn(counter), current.clone(), type);
    try {
      if (Long.bitCount(counter) < MAX_ONE_BITS) {
        deriveFutureKeys(current, counter, bit - 1);
        counter += 1;
      } else {
        counter += 1L << bit; // the values in between have more than 16 one-bits
      }
    } finally {
      Arrays.fill(current, (byte) 0);
      registers[bit] = null;
    }
    return tx;
  }

  /** Fills registers {@code top..0} with the keys for {@code base | 1 << i}, from {@code key}. */
  private void deriveFutureKeys(byte[] key, long base, int top) throws GeneralSecurityException {
    for (int i = top; i >= 0; i--) {
      long c = base | (1L << i);
      byte[] data =
          AesDukpt.derivationData(AesDukpt.KEY_DERIVATION, type, ksn(c), 4, (int) c, false);
      byte[] old = registers[i];
      registers[i] = AesDukpt.derive(aes, key, type, data);
      if (old != null) {
        Arrays.fill(old, (byte) 0);
      }
    }
  }

  private byte[] ksn(long c) {
    byte[] ksn = Arrays.copyOf(initialKeyId, 12);
    ksn[8] = (byte) (c >>> 24);
    ksn[9] = (byte) (c >>> 16);
    ksn[10] = (byte) (c >>> 8);
    ksn[11] = (byte) c;
    return ksn;
  }

  /** Wipes the registers; the reader cannot be used afterwards. */
  @Override
  public void close() {
    closed = true;
    for (int i = 0; i < REGISTERS; i++) {
      if (registers[i] != null) {
        Arrays.fill(registers[i], (byte) 0);
        registers[i] = null;
      }
    }
  }

  /** Shows the initial key ID and counter, never a key. */
  @Override
  public String toString() {
    return "AesDukptReader["
        + java.util.HexFormat.of().withUpperCase().formatHex(initialKeyId)
        + " counter "
        + Long.toHexString(counter).toUpperCase(java.util.Locale.ROOT)
        + "]";
  }

  /**
   * One DUKPT transaction on the reader: its KSN (sent with the encrypted data so the host can
   * derive the same keys) and its working keys. Close it to wipe the transaction key. Not
   * thread-safe.
   */
  public static final class Transaction implements AutoCloseable {
    private final byte[] ksn;
    private final byte[] key;
    private final AesDukpt.KeyType type;

    private Transaction(byte[] ksn, byte[] key, AesDukpt.KeyType type) {
      this.ksn = ksn;
      this.key = key;
      this.type = type;
    }

    /** The 12-byte key serial number: initial key ID and this transaction's counter. */
    public byte[] ksn() {
      return ksn.clone();
    }

    /** The transaction counter (unsigned 32 bits). */
    public long counter() {
      return ((ksn[8] & 0xFFL) << 24)
          | ((ksn[9] & 0xFF) << 16)
          | ((ksn[10] & 0xFF) << 8)
          | (ksn[11] & 0xFF);
    }

    /** The transaction's derivation key, as {@link AesDukpt#transactionKey} gives on the host. */
    public SecretKey transactionKey() {
      return new SecretKeySpec(key, "AES");
    }

    /** A working key of {@code keyType} for {@code usage}, as the host derives it. */
    public SecretKey workingKey(AesDukpt.Usage usage, AesDukpt.KeyType keyType)
        throws GeneralSecurityException {
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(keyType, "keyType");
      byte[] data =
          AesDukpt.derivationData(usage.indicator, keyType, ksn, 4, (int) counter(), false);
      byte[] k = AesDukpt.derive(key, keyType, data);
      try {
        return new SecretKeySpec(k, "AES");
      } finally {
        Arrays.fill(k, (byte) 0);
      }
    }

    /** Wipes the transaction key. */
    @Override
    public void close() {
      Arrays.fill(key, (byte) 0);
    }

    /** Shows the KSN, never a key. */
    @Override
    public String toString() {
      return "Transaction[" + java.util.HexFormat.of().withUpperCase().formatHex(ksn) + "]";
    }
  }
}
