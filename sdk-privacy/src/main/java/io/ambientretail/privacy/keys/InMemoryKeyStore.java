package io.ambientretail.privacy.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link KeyStore} whose KEKs are 256-bit AES keys in memory, wrapping data keys with AES-GCM
 * (the facility and KEK version are authenticated as associated data). JDK only.
 *
 * <p>For tests and a single edge machine; the keys are lost when the process ends unless the caller
 * keeps them elsewhere. Thread-safe. Security: key bytes are never returned or printed.
 */
public final class InMemoryKeyStore implements KeyStore {
  private static final int NONCE = 12;

  private final SecureRandom random;
  private final Map<String, TreeMap<Integer, byte[]>> keks = new ConcurrentHashMap<>();

  private InMemoryKeyStore(SecureRandom random) {
    this.random = random;
  }

  /** Creates an empty store drawing keys and nonces from {@code random}. */
  public static InMemoryKeyStore create(SecureRandom random) {
    return new InMemoryKeyStore(Objects.requireNonNull(random, "random"));
  }

  @Override
  public WrappedKey wrap(String facility, byte[] dataKey) throws GeneralSecurityException {
    int version;
    byte[] kek;
    synchronized (this) {
      version = primaryVersion(facility);
      kek = keks.get(facility).get(version);
    }
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(aad(facility, version));
    byte[] ct = c.doFinal(dataKey);
    byte[] out = Arrays.copyOf(nonce, NONCE + ct.length);
    System.arraycopy(ct, 0, out, NONCE, ct.length);
    return new WrappedKey(facility, version, out);
  }

  @Override
  public byte[] unwrap(WrappedKey wrapped) throws GeneralSecurityException {
    byte[] kek;
    synchronized (this) {
      TreeMap<Integer, byte[]> versions = keks.get(wrapped.facility());
      kek = versions == null ? null : versions.get(wrapped.kekVersion());
    }
    if (kek == null) {
      throw new UnknownKeyException(
          "facility '"
              + wrapped.facility()
              + "' has no KEK version "
              + wrapped.kekVersion()
              + " (never created or destroyed)");
    }
    byte[] b = wrapped.bytes();
    if (b.length <= NONCE + 16) {
      throw new javax.crypto.AEADBadTagException("wrapped key is too short");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, b, 0, NONCE));
    c.updateAAD(aad(wrapped.facility(), wrapped.kekVersion()));
    return c.doFinal(b, NONCE, b.length - NONCE);
  }

  private static byte[] aad(String facility, int version) {
    return ("kek:" + facility + ":" + version).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized int rotate(String facility) {
    TreeMap<Integer, byte[]> versions =
        keks.computeIfAbsent(Objects.requireNonNull(facility, "facility"), f -> new TreeMap<>());
    int next = versions.isEmpty() ? 1 : versions.lastKey() + 1;
    byte[] key = new byte[32];
    random.nextBytes(key);
    versions.put(next, key);
    return next;
  }

  @Override
  public synchronized int primaryVersion(String facility) throws UnknownKeyException {
    TreeMap<Integer, byte[]> versions = keks.get(facility);
    if (versions == null || versions.isEmpty()) {
      throw new UnknownKeyException("facility '" + facility + "' has no KEK; call rotate first");
    }
    return versions.lastKey();
  }

  @Override
  public synchronized void destroy(String facility, int version) throws GeneralSecurityException {
    TreeMap<Integer, byte[]> versions = keks.get(facility);
    if (versions == null || !versions.containsKey(version)) {
      throw new UnknownKeyException("facility '" + facility + "' has no KEK version " + version);
    }
    if (versions.lastKey() == version) {
      throw new GeneralSecurityException(
          "KEK version "
              + version
              + " of '"
              + facility
              + "' is the primary; rotate before destroying it");
    }
    Arrays.fill(versions.remove(version), (byte) 0);
  }

  @Override
  public String toString() {
    return "InMemoryKeyStore{" + keks.keySet() + "}";
  }
}
