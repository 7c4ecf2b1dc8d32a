package io.ambientretail.payments.tokenize;

import java.util.Objects;

/**
 * What a token keeps of the card number and whether it passes the Luhn check: keep the BIN (first
 * 0, 6 or 8 digits) and the last 4 digits in clear, encrypt the rest with FF1.
 *
 * <p>Every policy leaves FF1 a domain of at least 10<sup>6</sup> (six encrypted digits; one more
 * digit is spent on the Luhn rule), the minimum of NIST SP 800-38G Revision 1: fewer encrypted
 * digits could be guessed from the digits kept in clear. When keeping the BIN would leave fewer,
 * the default drops the BIN and keeps the last 4 only ({@link WhenTooFew#KEEP_LAST4_ONLY}); {@link
 * WhenTooFew#REFUSE} refuses such a PAN instead. The default, {@link #defaults()}, keeps the card
 * scheme's BIN ({@link Builder#keepSchemeBin()}: 8 digits for Visa and Mastercard, 6 for others)
 * and the last 4 when enough digits remain, so BIN 8 of 19-digit Visa and Mastercard PANs, BIN 6 of
 * other PANs of 17 to 19 digits, and only the last 4 of the usual 16-digit PANs (BIN 6 and last 4
 * of a 16-digit PAN would leave 5 digits, a domain of 10<sup>5</sup>). Tokens deliberately fail the
 * Luhn check by default, so a token can never be mistaken for a card number by people, systems or
 * data-discovery scans.
 *
 * <p>Tokens made before this rule (BIN kept whatever it left) still detokenize: give their key
 * version a {@link #legacy legacy} policy, which a tokenizer uses to detokenize only.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenPolicy {
  /** The fewest digits FF1 encrypts: 10<sup>6</sup> values, NIST SP 800-38G Rev. 1's minimum. */
  public static final int MIN_ENCRYPTED_DIGITS = 6;

  /** Whether tokens pass the Luhn check. */
  public enum Luhn {
    /** Tokens pass the Luhn check, for systems that validate card numbers. */
    VALID,
    /** Tokens fail the Luhn check on purpose, so they are never taken for card numbers. */
    INVALID
  }

  /** What happens to a PAN too short to keep the BIN and still encrypt enough digits. */
  public enum WhenTooFew {
    /** Keep only the last 4 (or nothing, without last 4) and encrypt the rest. */
    KEEP_LAST4_ONLY,
    /** Refuse the PAN ({@link TokenizationException#TOKEN_DOMAIN}). */
    REFUSE
  }

  private static final TokenPolicy DEFAULTS = builder().build();

  private final int keepBin;
  private final boolean schemeBin;
  private final boolean keepLast4;
  private final Luhn luhn;
  private final WhenTooFew whenTooFew;
  private final boolean legacy;

  private TokenPolicy(
      int keepBin,
      boolean schemeBin,
      boolean keepLast4,
      Luhn luhn,
      WhenTooFew whenTooFew,
      boolean legacy) {
    this.keepBin = keepBin;
    this.schemeBin = schemeBin;
    this.keepLast4 = keepLast4;
    this.luhn = luhn;
    this.whenTooFew = whenTooFew;
    this.legacy = legacy;
  }

  /**
   * The scheme's BIN (8 or 6 digits) when enough digits remain (otherwise last 4 only), last 4,
   * Luhn-invalid tokens.
   */
  public static TokenPolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The layout of tokens made by earlier versions of this library, which kept the BIN whatever it
   * left to encrypt (at least 2 digits): for detokenizing existing tokens only. A tokenizer refuses
   * to make new tokens under it; give it to an older key version ({@link Tokenizer.Builder#key(int,
   * byte[], TokenPolicy)}). The earlier default was {@code legacy(6, true, Luhn.INVALID)}.
   *
   * @throws IllegalArgumentException if {@code keepBin} is not 0, 6 or 8
   */
  public static TokenPolicy legacy(int keepBin, boolean keepLast4, Luhn luhn) {
    checkBin(keepBin);
    return new TokenPolicy(
        keepBin, false, keepLast4, Objects.requireNonNull(luhn, "luhn"), WhenTooFew.REFUSE, true);
  }

  /**
   * How many leading digits stay in clear when enough digits remain: 0, 6 or 8 (for a policy that
   * {@link #keepsSchemeBin() keeps the scheme's BIN}, the most: 8).
   */
  public int keepBin() {
    return keepBin;
  }

  /** True when the BIN kept is the card scheme's: 8 digits for Visa and Mastercard, else 6. */
  public boolean keepsSchemeBin() {
    return schemeBin;
  }

  /**
   * True for the card schemes whose BINs are 8 digits long (ISO/IEC 7812-1:2017): Visa ({@code 4})
   * and Mastercard ({@code 51}-{@code 55}, {@code 2221}-{@code 2720}); reads at most 4 digits.
   */
  static boolean eightDigitBinScheme(CharSequence leadingDigits) {
    if (leadingDigits.length() < 4) {
      return false;
    }
    int four = 0;
    for (int i = 0; i < 4; i++) {
      char c = leadingDigits.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      four = four * 10 + (c - '0');
    }
    return four / 1000 == 4 || (four >= 5100 && four <= 5599) || (four >= 2221 && four <= 2720);
  }

  /** True when the last 4 digits stay in clear. */
  public boolean keepLast4() {
    return keepLast4;
  }

  /** Whether tokens pass the Luhn check. */
  public Luhn luhn() {
    return luhn;
  }

  /** What happens to a PAN too short to keep the BIN and encrypt enough digits. */
  public WhenTooFew whenTooFew() {
    return whenTooFew;
  }

  /** True for a {@link #legacy} policy, which only detokenizes. */
  public boolean isLegacy() {
    return legacy;
  }

  /**
   * How many leading digits a token keeps in clear for a PAN of {@code panLength} digits that
   * starts with {@code leadingDigits} (at least its first 4 digits; the first 4 of a token made
   * under this policy give the same answer, as the BIN is then in clear).
   *
   * @throws TokenizationException {@code TOKEN_DOMAIN} when this policy refuses a PAN of that
   *     length: it would leave fewer than {@value #MIN_ENCRYPTED_DIGITS} digits to encrypt (2 for a
   *     legacy policy)
   */
  public int binDigitsFor(CharSequence leadingDigits, int panLength) {
    Objects.requireNonNull(leadingDigits, "leadingDigits");
    int last = keepLast4 ? 4 : 0;
    int min = legacy ? 2 : MIN_ENCRYPTED_DIGITS;
    int preferred = schemeBin ? (eightDigitBinScheme(leadingDigits) ? 8 : 6) : keepBin;
    if (panLength - preferred - last - 1 >= min) {
      return preferred;
    }
    if (!legacy && whenTooFew == WhenTooFew.KEEP_LAST4_ONLY) {
      // a scheme BIN of 8 falls back to 6 first: the token's first 6 digits then stay in clear, so
      // detokenizing finds the same layout from the token's own leading digits
      if (schemeBin && preferred == 8 && panLength - 6 - last - 1 >= min) {
        return 6;
      }
      if (panLength - last - 1 >= min) {
        return 0;
      }
    }
    int left = Math.max(0, panLength - preferred - last - 1);
    throw new TokenizationException(
        TokenizationException.TOKEN_DOMAIN,
        "a "
            + panLength
            + "-digit PAN leaves "
            + left
            + " digits to encrypt under "
            + this
            + "; at least "
            + min
            + " are needed (a domain of 10^"
            + min
            + (legacy ? ")" : ", NIST SP 800-38G Rev. 1)"));
  }

  /**
   * How many digits FF1 encrypts in a token of such a PAN (the digits between those kept in clear,
   * less the one that carries the Luhn rule).
   *
   * @throws TokenizationException {@code TOKEN_DOMAIN} as {@link #binDigitsFor(CharSequence, int)}
   */
  public int encryptedDigitsFor(CharSequence leadingDigits, int panLength) {
    return panLength - binDigitsFor(leadingDigits, panLength) - (keepLast4 ? 4 : 0) - 1;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TokenPolicy)) {
      return false;
    }
    TokenPolicy p = (TokenPolicy) o;
    return p.keepBin == keepBin
        && p.schemeBin == schemeBin
        && p.keepLast4 == keepLast4
        && p.luhn == luhn
        && p.whenTooFew == whenTooFew
        && p.legacy == legacy;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keepBin, schemeBin, keepLast4, luhn, whenTooFew, legacy);
  }

  @Override
  public String toString() {
    return "TokenPolicy{keepBin="
        + (schemeBin ? "scheme" : String.valueOf(keepBin))
        + ", keepLast4="
        + keepLast4
        + ", luhn="
        + luhn
        + (legacy ? ", legacy" : ", whenTooFew=" + whenTooFew)
        + "}";
  }

  private static void checkBin(int keepBin) {
    if (keepBin != 0 && keepBin != 6 && keepBin != 8) {
      throw new IllegalArgumentException("keepBin must be 0, 6 or 8, was " + keepBin);
    }
  }

  /** Builds a {@link TokenPolicy}. */
  public static final class Builder {
    private int keepBin = 8;
    private boolean schemeBin = true;
    private boolean keepLast4 = true;
    private Luhn luhn = Luhn.INVALID;
    private WhenTooFew whenTooFew = WhenTooFew.KEEP_LAST4_ONLY;

    private Builder() {}

    /** Keeps the first {@code digits} (0, 6 or 8) of every PAN in clear when enough remain. */
    public Builder keepBin(int digits) {
      this.keepBin = digits;
      this.schemeBin = false;
      return this;
    }

    /**
     * Keeps the card scheme's BIN in clear when enough digits remain (the default): 8 digits for
     * the schemes whose BINs are 8 digits long (Visa, Mastercard), 6 for others; a scheme BIN of 8
     * that leaves too few digits falls back to 6 before the last 4 only.
     */
    public Builder keepSchemeBin() {
      this.keepBin = 8;
      this.schemeBin = true;
      return this;
    }

    /** Keeps the last 4 digits in clear, or not. */
    public Builder keepLast4(boolean keep) {
      this.keepLast4 = keep;
      return this;
    }

    /** Chooses whether tokens pass the Luhn check. */
    public Builder luhn(Luhn value) {
      this.luhn = Objects.requireNonNull(value, "luhn");
      return this;
    }

    /** What happens to a PAN too short to keep the BIN; defaults to keeping the last 4 only. */
    public Builder whenTooFew(WhenTooFew value) {
      this.whenTooFew = Objects.requireNonNull(value, "whenTooFew");
      return this;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalArgumentException if {@code keepBin} is not 0, 6 or 8
     */
    public TokenPolicy build() {
      checkBin(keepBin);
      return new TokenPolicy(keepBin, schemeBin, keepLast4, luhn, whenTooFew, false);
    }
  }
}
