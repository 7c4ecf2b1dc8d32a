package io.ambientretail.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms (HMAC-SHA-256) per purpose and facility, with rotatable keys. The same phone
 * number or card fingerprint gives the same pseudonym for one purpose at one facility and unrelated
 * pseudonyms elsewhere, and without the key nobody can test guesses against it (an unkeyed hash of
 * a phone number or PAN can be brute-forced; PCI DSS 3.5.1.1 asks for keyed hashes).
 *
 * <p>A pseudonym reads {@code v<version>.<22 base64url characters>} (128 bits of the HMAC). {@link
 * #rotate} starts a new key version for new pseudonyms; {@link #matches} still recognises
 * pseudonyms of older versions until {@link #retire} destroys them, after which they can no longer
 * be linked to anyone.
 *
 * <p>Thread-safe. Security: keys never leave this object and are zeroed when retired.
 */
public final class Pseudonymizer {
  private final SecureRandom random;
  private final Map<String, TreeMap<Integer, byte[]>> keys = new ConcurrentHashMap<>();

  private Pseudonymizer(SecureRandom random) {
    this.random = random;
  }

  /** Creates a pseudonymiser with no keys, drawing new keys from {@code random}. */
  public static Pseudonymizer create(SecureRandom random) {
    return new Pseudonymizer(Objects.requireNonNull(random, "random"));
  }

  private static String scope(Purpose purpose, String facility) {
    Objects.requireNonNull(facility, "facility");
    return purpose.name() + "\u0000" + facility;
  }

  /** Starts a new key version for {@code purpose} at {@code facility} and returns its number. */
  public synchronized int rotate(Purpose purpose, String facility) {
    TreeMap<Integer, byte[]> v =
        keys.computeIfAbsent(scope(purpose, facility), s -> new TreeMap<>());
    int next = v.isEmpty() ? 1 : v.lastKey() + 1;
    byte[] k = new byte[32];
    random.nextBytes(k);
    v.put(next, k);
    return next;
  }

  /**
   * Destroys key {@code version}: its pseudonyms can no longer be matched or recomputed.
   *
   * @throws PrivacyException with {@link PrivacyException#KEY_UNKNOWN} if there is no such version,
   *     or it is the current one
   */
  public synchronized void retire(Purpose purpose, String facility, int version) {
    TreeMap<Integer, byte[]> v = keys.get(scope(purpose, facility));
    if (v == null || !v.containsKey(version)) {
      throw new PrivacyException(
          PrivacyException.KEY_UNKNOWN,
          "no pseudonym key version " + version + " for " + purpose.name() + " at " + facility);
    }
    if (v.lastKey() == version) {
      throw new PrivacyException(
          PrivacyException.KEY_UNKNOWN, "version " + version + " is the current key; rotate first");
    }
    Arrays.fill(v.remove(version), (byte) 0);
  }

  /**
   * The pseudonym of {@code value} for {@code purpose} at {@code facility}, under the current key.
   *
   * @throws PrivacyException with {@link PrivacyException#KEY_UNKNOWN} if no key was created
   */
  public String pseudonym(Purpose purpose, String facility, String value) {
    int version;
    byte[] key;
    synchronized (this) {
      TreeMap<Integer, byte[]> v = keys.get(scope(purpose, facility));
      if (v == null || v.isEmpty()) {
        throw new PrivacyException(
            PrivacyException.KEY_UNKNOWN,
            "no pseudonym key for " + purpose.name() + " at " + facility + "; call rotate first");
      }
      version = v.lastKey();
      key = v.get(version);
    }
    return "v" + version + "." + mac(key, purpose, facility, value);
  }

  /**
   * Whether {@code pseudonym} is the pseudonym of {@code value} under any key version still kept.
   * Comparison is constant-time.
   */
  public boolean matches(Purpose purpose, String facility, String value, String pseudonym) {
    int dot = pseudonym.indexOf('.');
    if (!pseudonym.startsWith("v") || dot < 2 || dot > 11) {
      return false;
    }
    int version;
    try {
      version = Integer.parseInt(pseudonym.substring(1, dot));
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] key;
    synchronized (this) {
      TreeMap<Integer, byte[]> v = keys.get(scope(purpose, facility));
      key = v == null ? null : v.get(version);
    }
    if (key == null) {
      return false;
    }
    byte[] expected = mac(key, purpose, facility, value).getBytes(StandardCharsets.US_ASCII);
    byte[] given = pseudonym.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  private static String mac(byte[] key, Purpose purpose, String facility, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(purpose.name().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(facility.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonymizer{" + keys.size() + " scopes}";
  }
}
