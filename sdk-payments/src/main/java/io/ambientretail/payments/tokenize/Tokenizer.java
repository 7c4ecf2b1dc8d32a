package io.ambientretail.payments.tokenize;

import io.ambientretail.payments.internal.Luhn;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * Security: with BIN 8 and last 4 kept, a 16-digit PAN has only 3 encrypted digits (1,000 possible
 * tokens per BIN and last 4): prefer BIN 6 for 15-16 digit cards.
 *
 * <p>Every detokenization is checked against the {@link DetokenizePolicy} and written (masked) to
 * the {@code io.ambientretail.payments.audit} {@link System.Logger}. Thread-safe.
 */
public final class Tokenizer {
  private static final System.Logger AUDIT = System.getLogger("io.ambientretail.payments.audit");
  private static final int INVALID_LUHN_TARGET = 5;

  private final Map<Integer, Ff1> keys;
  private final int currentVersion;
  private final TokenPolicy policy;
  private final DetokenizePolicy detokenizePolicy;

  private Tokenizer(
      Map<Integer, Ff1> keys,
      int currentVersion,
      TokenPolicy policy,
      DetokenizePolicy detokenizePolicy) {
    this.keys = keys;
    this.currentVersion = currentVersion;
    this.policy = policy;
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

  /** The token policy. */
  public TokenPolicy policy() {
    return policy;
  }

  /**
   * The token for {@code pan} under the current key.
   *
   * @throws TokenizationException {@code PAN_LUHN} when the PAN fails the Luhn check, {@code
   *     TOKEN_DOMAIN} when it is too short to keep the configured digits and encrypt at least two
   */
  public CardToken tokenize(Pan pan) {
    Objects.requireNonNull(pan, "pan");
    if (!pan.isLuhnValid()) {
      throw new TokenizationException(
          TokenizationException.PAN_LUHN, "PAN " + pan.masked() + " fails the Luhn check");
    }
    byte[] d = pan.copyDigitValues();
    try {
      Layout l = layout(d.length);
      int[] x = new int[l.encrypted];
      for (int i = 0; i < x.length; i++) {
        x[i] = d[l.from + i];
      }
      int[] c;
      Ff1 ff1 = keys.get(currentVersion);
      synchronized (ff1) {
        c = ff1.encrypt(x, tweak(d, l));
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
    String masked = mask(token.digits());
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
    String s = token.digits();
    byte[] d = new byte[s.length()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) (s.charAt(i) - '0');
    }
    try {
      Layout l = layout(d.length);
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
        x = ff1.decrypt(c, tweak(d, l));
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

  private static String mask(String digits) {
    return digits.substring(0, 6)
        + "*".repeat(digits.length() - 10)
        + digits.substring(digits.length() - 4);
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

  private Layout layout(int n) {
    int keepEnd = policy.keepLast4() ? 4 : 0;
    int middle = n - policy.keepBin() - keepEnd;
    int encrypted = middle - 1;
    if (encrypted < 2) {
      throw new TokenizationException(
          TokenizationException.TOKEN_DOMAIN,
          "a "
              + n
              + "-digit PAN leaves "
              + Math.max(encrypted, 0)
              + " digits to encrypt under "
              + policy
              + "; at least 2 are needed");
    }
    return new Layout(policy.keepBin(), encrypted);
  }

  /** The tweak: PAN length, policy, and the digits kept in clear. */
  private byte[] tweak(byte[] d, Layout l) {
    int keepEnd = policy.keepLast4() ? 4 : 0;
    byte[] t = new byte[3 + l.from + keepEnd];
    t[0] = (byte) d.length;
    t[1] = (byte) policy.keepBin();
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
    private int current = -1;
    private TokenPolicy policy = TokenPolicy.defaults();
    private DetokenizePolicy detokenizePolicy = DetokenizePolicy.denyAll();

    private Builder() {}

    /** Adds the AES key (16, 24 or 32 bytes, copied) for {@code version} (1 or more). */
    public Builder key(int version, byte[] aesKey) {
      if (version < 1) {
        throw new IllegalArgumentException("key version must be at least 1, was " + version);
      }
      keys.put(version, aesKey.clone());
      return this;
    }

    /** The key version new tokens use; defaults to the highest version added. */
    public Builder currentKeyVersion(int version) {
      this.current = version;
      return this;
    }

    /** The token policy; defaults to {@link TokenPolicy#defaults()}. */
    public Builder policy(TokenPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy");
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
     * @throws IllegalStateException without keys, or when the current version has no key
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
      Map<Integer, Ff1> ff1 = new TreeMap<>();
      for (Map.Entry<Integer, byte[]> e : keys.entrySet()) {
        ff1.put(e.getKey(), Ff1.create(e.getValue(), 10));
        Arrays.fill(e.getValue(), (byte) 0);
      }
      keys.clear();
      return new Tokenizer(Map.copyOf(ff1), cur, policy, detokenizePolicy);
    }
  }
}
