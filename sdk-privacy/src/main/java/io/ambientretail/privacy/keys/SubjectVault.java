package io.ambientretail.privacy.keys;

import io.ambientretail.privacy.PersonalData;
import io.ambientretail.privacy.SubjectId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-subject encryption for crypto-shredding: each data subject gets their own data key (kept
 * wrapped by the facility KEK), every record about them is encrypted with it, and {@link #shred}
 * deletes the key, which makes all their records unreadable wherever copies (backups, replicas)
 * are.
 *
 * <p>Ciphertext: {@code nonce (12) | AES-GCM ciphertext+tag}, with the subject id and the caller's
 * associated data authenticated. Thread-safe. Created with a {@link SubjectKeyStore}, each
 * subject's wrapped key is durable there before the first record is encrypted under it, looked up
 * there after a restart, and deleted there by {@link #shred} (a store failure is an {@link
 * java.io.UncheckedIOException}); without one, wrapped keys live in memory only: persist {@link
 * #wrappedKey} values yourself and {@link #restore} them on start.
 */
public final class SubjectVault {
  private static final int NONCE = 12;

  private final KeyStore keys;
  private final String facility;
  private final SecureRandom random;

  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final Map<SubjectId, WrappedKey> subjectKeys = new ConcurrentHashMap<>();

  private final @org.jspecify.annotations.Nullable SubjectKeyStore store;

  private SubjectVault(
      KeyStore keys,
      String facility,
      SecureRandom random,
      @org.jspecify.annotations.Nullable SubjectKeyStore store) {
    this.keys = keys;
    this.facility = facility;
    this.random = random;
    this.store = store;
  }

  /** Creates a vault whose subject keys are wrapped by {@code facility}'s KEK, in memory. */
  public static SubjectVault create(KeyStore keys, String facility, SecureRandom random) {
    return new SubjectVault(
        Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(facility, "facility"),
        Objects.requireNonNull(random, "random"),
        null);
  }

  /**
   * Creates a vault whose subject keys are wrapped by {@code facility}'s KEK and kept in {@code
   * store}.
   */
  public static SubjectVault create(
      KeyStore keys, String facility, SecureRandom random, SubjectKeyStore store) {
    return new SubjectVault(
        Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(facility, "facility"),
        Objects.requireNonNull(random, "random"),
        Objects.requireNonNull(store, "store"));
  }

  /** The subject's wrapped key from memory, else from the store; null when there is none. */
  private @org.jspecify.annotations.Nullable WrappedKey lookup(SubjectId subject) {
    WrappedKey wk = subjectKeys.get(subject);
    if (wk != null || store == null) {
      return wk;
    }
    try {
      wk = store.key(subject);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the subject's key: " + e.getMessage(), e);
    }
    if (wk != null) {
      subjectKeys.putIfAbsent(subject, wk);
    }
    return wk;
  }

  /**
   * Encrypts a record about {@code subject}, creating the subject's key on first use.
   *
   * @throws GeneralSecurityException if the key cannot be created or unwrapped
   */
  public byte[] encrypt(SubjectId subject, byte[] plaintext, byte[] associatedData)
      throws GeneralSecurityException {
    WrappedKey wk = lookup(subject);
    if (wk == null) {
      byte[] fresh = new byte[32];
      random.nextBytes(fresh);
      WrappedKey created = keys.wrap(facility, fresh);
      Arrays.fill(fresh, (byte) 0);
      if (store != null) {
        try {
          created = store.putKeyIfAbsent(subject, created);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(
              "the subject's new key was not stored: " + e.getMessage(), e);
        }
      }
      WrappedKey raced = subjectKeys.putIfAbsent(subject, created);
      wk = raced == null ? created : raced;
    }
    byte[] key = keys.unwrap(wk);
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce, 0, subject, associatedData);
      byte[] ct = c.doFinal(plaintext);
      byte[] out = Arrays.copyOf(nonce, NONCE + ct.length);
      System.arraycopy(ct, 0, out, NONCE, ct.length);
      return out;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Decrypts a record about {@code subject}.
   *
   * @throws UnknownKeyException if the subject's key was shredded or never existed
   * @throws GeneralSecurityException if the record was altered or belongs to someone else
   */
  public byte[] decrypt(SubjectId subject, byte[] ciphertext, byte[] associatedData)
      throws GeneralSecurityException {
    WrappedKey wk = lookup(subject);
    if (wk == null) {
      throw new UnknownKeyException("no key for subject (shredded or never created)");
    }
    if (ciphertext.length < NONCE + 16) {
      throw new javax.crypto.AEADBadTagException("ciphertext is too short");
    }
    byte[] key = keys.unwrap(wk);
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, ciphertext, 0, subject, associatedData);
      return c.doFinal(ciphertext, NONCE, ciphertext.length - NONCE);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static Cipher cipher(
      int mode, byte[] key, byte[] nonce, int off, SubjectId subject, byte[] aad)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce, off, NONCE));
    c.updateAAD(subject.value().getBytes(StandardCharsets.UTF_8));
    c.updateAAD(new byte[] {0});
    c.updateAAD(aad);
    return c;
  }

  /**
   * Deletes the subject's key, in the store too: their records can never be decrypted again.
   *
   * @throws java.io.UncheckedIOException if the store could not delete it; the key may remain
   */
  public boolean shred(SubjectId subject) {
    boolean kept = false;
    if (store != null) {
      try {
        kept = store.removeKey(subject);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(
            "the subject's key was not shredded: " + e.getMessage(), e);
      }
    }
    return subjectKeys.remove(subject) != null || kept;
  }

  /** Whether the subject has a key (has records that can be read). */
  public boolean hasKey(SubjectId subject) {
    return lookup(subject) != null;
  }

  /** The subject's wrapped key, to persist; null when there is none. */
  public @org.jspecify.annotations.Nullable WrappedKey wrappedKey(SubjectId subject) {
    return lookup(subject);
  }

  /**
   * Restores a persisted wrapped key (kept in the store too, when there is one and it has none).
   */
  public void restore(SubjectId subject, WrappedKey key) {
    if (store != null) {
      try {
        key = store.putKeyIfAbsent(subject, key);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(
            "the subject's key was not stored: " + e.getMessage(), e);
      }
    }
    subjectKeys.put(subject, key);
  }

  @Override
  public String toString() {
    return "SubjectVault{" + facility + ", " + subjectKeys.size() + " subjects}";
  }
}
