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
 * wrapped by the facility KEK), every record about them is encrypted with it, and
 * {@link #shred} deletes the key, which makes all their records unreadable wherever copies
 * (backups, replicas) are.
 *
 * <p>Ciphertext: {@code nonce (12) | AES-GCM ciphertext+tag}, with the subject id and the
 * caller's associated data authenticated. Thread-safe. Wrapped keys live in memory here; persist
 * {@link #wrappedKey} values next to the data and {@link #restore} them on start.
 */
public final class SubjectVault {
  private static final int NONCE = 12;

  private final KeyStore keys;
  private final String facility;
  private final SecureRandom random;
  @PersonalData(category = "pseudonym", purposes = {"legal-obligation"})
  private final Map<SubjectId, WrappedKey> subjectKeys = new ConcurrentHashMap<>();

  private SubjectVault(KeyStore keys, String facility, SecureRandom random) {
    this.keys = keys;
    this.facility = facility;
    this.random = random;
  }

  /** Creates a vault whose subject keys are wrapped by {@code facility}'s KEK. */
  public static SubjectVault create(KeyStore keys, String facility, SecureRandom random) {
    return new SubjectVault(Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(facility, "facility"), Objects.requireNonNull(random, "random"));
  }

  /**
   * Encrypts a record about {@code subject}, creating the subject's key on first use.
   *
   * @throws GeneralSecurityException if the key cannot be created or unwrapped
   */
  public byte[] encrypt(SubjectId subject, byte[] plaintext, byte[] associatedData)
      throws GeneralSecurityException {
    WrappedKey wk = subjectKeys.get(subject);
    if (wk == null) {
      byte[] fresh = new byte[32];
      random.nextBytes(fresh);
      WrappedKey created = keys.wrap(facility, fresh);
      Arrays.fill(fresh, (byte) 0);
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
    WrappedKey wk = subjectKeys.get(subject);
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

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, int off, SubjectId subject,
      byte[] aad) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce, off, NONCE));
    c.updateAAD(subject.value().getBytes(StandardCharsets.UTF_8));
    c.updateAAD(new byte[] {0});
    c.updateAAD(aad);
    return c;
  }

  /** Deletes the subject's key: their records can never be decrypted again. */
  public boolean shred(SubjectId subject) {
    return subjectKeys.remove(subject) != null;
  }

  /** Whether the subject has a key (has records that can be read). */
  public boolean hasKey(SubjectId subject) {
    return subjectKeys.containsKey(subject);
  }

  /** The subject's wrapped key, to persist; null when there is none. */
  public @org.jspecify.annotations.Nullable WrappedKey wrappedKey(SubjectId subject) {
    return subjectKeys.get(subject);
  }

  /** Restores a persisted wrapped key. */
  public void restore(SubjectId subject, WrappedKey key) {
    subjectKeys.put(subject, key);
  }

  @Override
  public String toString() {
    return "SubjectVault{" + facility + ", " + subjectKeys.size() + " subjects}";
  }
}
