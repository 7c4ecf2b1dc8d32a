package io.ambientretail.payments.tokenize;

import io.ambientretail.payments.internal.Luhn;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns card numbers into format-preserving tokens with FF1 (NIST SP 800-38G) and back: the BIN and
 * last 4 stay as the {@link TokenPolicy} says, the digits between are encrypted, and the token
 * carries the key version so old tokens still detokenize after the current key rotates.
 *
 * <pre>{@code
 * Tokenizer tokenizer = Tokenizer.builder()
 *     .key(1, oldKey).key(2, newKey).currentKeyVersion(2)
 *     .detokenizePolicy((who, why) -> who.equals("refunds"))
 *     .build();
 * CardToken token = tokenizer.tokenize(pan);                        // v2:...
 * try (Pan back = tokenizer.detokenize(token, "refunds", "refund R-17")) { ... }
 * }</pre>
 *
 * <p>How the Luhn rule is met: a card number's last digit is fixed by the others (Luhn), so one
 * middle digit carries no information. FF1 encrypts the middle digits but that one, and that one is
 * then set so the token passes (or deliberately fails) the Luhn check; detokenization decrypts and
 * recomputes it. The FF1 tweak binds the token to the PAN length and the digits kept in clear.
 * Security: FF1 always encrypts at least 6 digits (a domain of 10<sup>6</sup>, NIST SP 800-38G Rev.
 * 1); the {@link TokenPolicy} drops the BIN of a PAN too short for that.
 *
 * <p>Each key version has the policy its tokens were made under, so tokens made under an earlier
 * policy keep detokenizing after the policy changes: rotate to a new key version with the new
 * policy and keep the old version with its {@link TokenPolicy#legacy legacy} policy, e.g. {@code
 * .key(1, oldKey, TokenPolicy.legacy(6, true, Luhn.INVALID)).key(2, newKey)}.
 *
 * <p>Every detokenization is checked against the {@link DetokenizePolicy} and written (masked) to
 * the {@code io.ambientretail.payments.audit} {@link System.Logger}. Thread-safe.
 */
public final class Tokenizer {
  private static final System.Logger AUDIT = System.getLogger("io.ambientretail.payments.audit");
  private static final int INVALID_LUHN_TARGET = 5;

  private final Map<Integer, Ff1> keys;
  private final Map<Integer, TokenPolicy> policies;
  private final int currentVersion;
  private final DetokenizePolicy detokenizePolicy;

  private Tokenizer(
      Map<Integer, Ff1> keys,
      Map<Integer, TokenPolicy> policies,
      int currentVersion,
      DetokenizePolicy detokenizePolicy) {
    this.keys = keys;
    this.policies = policies;
    this.currentVersion = currentVersion;
    this.detokenizePolicy = detokenizePolicy;
  }

  /** A builder with the default policy and a deny-all detokenize policy. */
  public static Builder builder() {
    return new Builder();
  }

  /** The key version new tokens are made with. */
  public int currentKeyVersion() {
    return currentVersion;
  }

  /** The token policy new tokens are made under (the current key version's). */
  public TokenPolicy policy() {
    return policies.get(currentVersion);
  }

  /** The policy the tokens of a key version were made under, or null for a version not held. */
  public @Nullable TokenPolicy policy(int keyVersion) {
    return policies.get(keyVersion);
  }

  /**
   * The token for {@code pan} under the current key.
   *
   * @throws TokenizationException {@code PAN_LUHN} when the PAN fails the Luhn check, {@code
   *     TOKEN_DOMAIN} when the policy refuses a PAN of its length (fewer than 6 digits would be
   *     encrypted)
   */
  public CardToken tokenize(Pan pan) {
    Objects.requireNonNull(pan, "pan");
    if (!pan.isLuhnValid()) {
      throw new TokenizationException(
          TokenizationException.PAN_LUHN, "PAN " + pan.masked() + " fails the Luhn check");
    }
    TokenPolicy policy = policy();
    byte[] d = pan.copyDigitValues();
    try {
      Layout l = layout(d, policy);
      int[] x = new int[l.encrypted];
      for (int i = 0; i < x.length; i++) {
        x[i] = d[l.from + i];
      }
      int[] c;
      Ff1 ff1 = keys.get(currentVersion);
      synchronized (ff1) {
        c = ff1.encrypt(x, tweak(d, l, policy));
      }
      Arrays.fill(x, 0);
      for (int i = 0; i < c.length; i++) {
        d[l.from + i] = (byte) c[i];
      }
      setCheck(
          d,
          l.from + l.encrypted,
          policy.luhn() == TokenPolicy.Luhn.VALID ? 0 : INVALID_LUHN_TARGET);
      char[] t = new char[d.length];
      for (int i = 0; i < d.length; i++) {
        t[i] = (char) ('0' + d[i]);
      }
      return CardToken.of(currentVersion, new String(t));
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  /**
   * The card number behind {@code token}, when the detokenize policy permits {@code principal} for
   * {@code purpose}. The caller closes the returned PAN.
   *
   * @throws TokenizationException {@code DETOKENIZE_DENIED} when the policy refuses, {@code
   *     TOKEN_KEY_VERSION} for a key version this tokenizer lacks, {@code TOKEN_FORMAT} for a token
   *     this policy could not have produced
   */
  public Pan detokenize(CardToken token, String principal, String purpose) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(purpose, "purpose");
    String masked = Pan.mask(token.digits());
    if (!detokenizePolicy.permits(principal, purpose)) {
      AUDIT.log(
          Level.WARNING,
          "detokenize of v{0}:{1} DENIED to {2} for: {3}",
          token.keyVersion(),
          masked,
          principal,
          purpose);
      throw new TokenizationException(
          TokenizationException.DETOKENIZE_DENIED,
          "'" + principal + "' may not detokenize for '" + purpose + "'");
    }
    Ff1 ff1 = keys.get(token.keyVersion());
    if (ff1 == null) {
      throw new TokenizationException(
          TokenizationException.TOKEN_KEY_VERSION,
          "no key version " + token.keyVersion() + " (held: " + keys.keySet() + ")");
    }
    TokenPolicy policy = policies.get(token.keyVersion());
    String s = token.digits();
    byte[] d = new byte[s.length()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) (s.charAt(i) - '0');
    }
    try {
      Layout l = layout(d, policy);
      int target = policy.luhn() == TokenPolicy.Luhn.VALID ? 0 : INVALID_LUHN_TARGET;
      if (Luhn.sum(d, d.length) % 10 != target) {
        throw new TokenizationException(
            TokenizationException.TOKEN_FORMAT,
            "token " + masked + " breaks this policy's Luhn rule: not made by this tokenizer");
      }
      int[] c = new int[l.encrypted];
      for (int i = 0; i < c.length; i++) {
        c[i] = d[l.from + i];
      }
      int[] x;
      synchronized (ff1) {
        x = ff1.decrypt(c, tweak(d, l, policy));
      }
      for (int i = 0; i < x.length; i++) {
        d[l.from + i] = (byte) x[i];
      }
      Arrays.fill(x, 0);
      setCheck(d, l.from + l.encrypted, 0);
      AUDIT.log(
          Level.INFO,
          "detokenize of v{0}:{1} granted to {2} for: {3}",
          token.keyVersion(),
          masked,
          principal,
          purpose);
      return Pan.ofDigitValues(d);
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  /** Where the encrypted run and the adjusting digit sit for a PAN of {@code n} digits. */
  private static final class Layout {
    final int from;
    final int encrypted;

    Layout(int from, int encrypted) {
      this.from = from;
      this.encrypted = encrypted;
    }
  }

  private static Layout layout(byte[] d, TokenPolicy policy) {
    int n = d.length;
    char[] lead = new char[Math.min(4, n)];
    for (int i = 0; i < lead.length; i++) {
      lead[i] = (char) ('0' + d[i]);
    }
    int bin = policy.binDigitsFor(java.nio.CharBuffer.wrap(lead), n);
    Arrays.fill(lead, '0');
    return new Layout(bin, n - bin - (policy.keepLast4() ? 4 : 0) - 1);
  }

  /** The tweak: PAN length, the digits kept, and the digits kept in clear. */
  private static byte[] tweak(byte[] d, Layout l, TokenPolicy policy) {
    int keepEnd = policy.keepLast4() ? 4 : 0;
    byte[] t = new byte[3 + l.from + keepEnd];
    t[0] = (byte) d.length;
    t[1] = (byte) l.from;
    t[2] = (byte) keepEnd;
    for (int i = 0; i < l.from; i++) {
      t[3 + i] = (byte) ('0' + d[i]);
    }
    for (int i = 0; i < keepEnd; i++) {
      t[3 + l.from + i] = (byte) ('0' + d[d.length - keepEnd + i]);
    }
    return t;
  }

  /** Sets {@code d[at]} so the Luhn sum of {@code d} is {@code target} mod 10. */
  private static void setCheck(byte[] d, int at, int target) {
    d[at] = 0;
    int rest = Luhn.sum(d, d.length);
    int pos = d.length - 1 - at;
    for (int x = 0; x < 10; x++) {
      if ((rest + Luhn.weight(x, pos)) % 10 == target) {
        d[at] = (byte) x;
        return;
      }
    }
    throw new AssertionError("Luhn weights are a permutation of 0..9");
  }

  /** Builds a {@link Tokenizer}; {@link #build()} checks the key set. */
  public static final class Builder {
    private final Map<Integer, byte[]> keys = new TreeMap<>();
    private final Map<Integer, TokenPolicy> keyPolicies = new TreeMap<>();
    private int current = -1;
    private TokenPolicy policy = TokenPolicy.defaults();
    private DetokenizePolicy detokenizePolicy = DetokenizePolicy.denyAll();

    private Builder() {}

    /**
     * Adds the AES key (16, 24 or 32 bytes, copied) for {@code version} (1 or more); its tokens are
     * made under the builder's {@link #policy(TokenPolicy) policy}.
     */
    public Builder key(int version, byte[] aesKey) {
      if (version < 1) {
        throw new IllegalArgumentException("key version must be at least 1, was " + version);
      }
      keys.put(version, aesKey.clone());
      keyPolicies.remove(version);
      return this;
    }

    /**
     * Adds the AES key for {@code version} whose tokens were made under {@code policyOfItsTokens},
     * e.g. a {@link TokenPolicy#legacy legacy} policy for tokens made by earlier versions of this
     * library (such a version only detokenizes).
     */
    public Builder key(int version, byte[] aesKey, TokenPolicy policyOfItsTokens) {
      Objects.requireNonNull(policyOfItsTokens, "policyOfItsTokens");
      key(version, aesKey);
      keyPolicies.put(version, policyOfItsTokens);
      return this;
    }

    /** The key version new tokens use; defaults to the highest version added. */
    public Builder currentKeyVersion(int version) {
      this.current = version;
      return this;
    }

    /**
     * The token policy of every key added without one; defaults to {@link TokenPolicy#defaults()}.
     *
     * @throws IllegalArgumentException for a {@link TokenPolicy#legacy legacy} policy, which only
     *     detokenizes: give it to its key version instead
     */
    public Builder policy(TokenPolicy value) {
      Objects.requireNonNull(value, "policy");
      if (value.isLegacy()) {
        throw new IllegalArgumentException(
            "a legacy token policy only detokenizes: give it to its key version with key(version,"
                + " key, policy)");
      }
      this.policy = value;
      return this;
    }

    /** Who may detokenize; defaults to {@link DetokenizePolicy#denyAll()}. */
    public Builder detokenizePolicy(DetokenizePolicy value) {
      this.detokenizePolicy = Objects.requireNonNull(value, "detokenizePolicy");
      return this;
    }

    /**
     * Returns the tokenizer and wipes the builder's key copies.
     *
     * @throws IllegalStateException without keys, when the current version has no key, or when its
     *     policy is a legacy one (which makes no new tokens)
     * @throws GeneralSecurityException if a key is not a valid AES key
     */
    public Tokenizer build() throws GeneralSecurityException {
      if (keys.isEmpty()) {
        throw new IllegalStateException("a tokenizer needs at least one key");
      }
      int cur = current < 0 ? ((TreeMap<Integer, byte[]>) keys).lastKey() : current;
      if (!keys.containsKey(cur)) {
        throw new IllegalStateException("no key for current version " + cur);
      }
      Map<Integer, TokenPolicy> policies = new TreeMap<>();
      for (Integer v : keys.keySet()) {
        policies.put(v, keyPolicies.getOrDefault(v, policy));
      }
      if (policies.get(cur).isLegacy()) {
        throw new IllegalStateException(
            "key version "
                + cur
                + " has a legacy token policy, which makes no new tokens: make a newer version"
                + " current");
      }
      Map<Integer, Ff1> ff1 = new TreeMap<>();
      for (Map.Entry<Integer, byte[]> e : keys.entrySet()) {
        boolean legacy = policies.get(e.getKey()).isLegacy();
        ff1.put(
            e.getKey(),
            Ff1.create(e.getValue(), 10, legacy ? Ff1.LEGACY_MIN_DOMAIN : Ff1.MIN_DOMAIN));
        Arrays.fill(e.getValue(), (byte) 0);
      }
      keys.clear();
      return new Tokenizer(Map.copyOf(ff1), Map.copyOf(policies), cur, detokenizePolicy);
    }
  }
}
