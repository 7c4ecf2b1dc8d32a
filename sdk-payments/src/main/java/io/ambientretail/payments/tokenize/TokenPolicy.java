package io.ambientretail.payments.tokenize;

/**
 * What a token keeps of the card number and whether it passes the Luhn check: keep the BIN (first
 * 0, 6 or 8 digits) and the last 4 digits in clear, encrypt the rest with FF1.
 *
 * <p>The default, {@link #defaults()}, keeps BIN 6 and last 4 and makes tokens that deliberately
 * fail the Luhn check, so a token can never be mistaken for a card number by people, systems or
 * data-discovery scans. Immutable and thread-safe.
 */
public final class TokenPolicy {
  /** Whether tokens pass the Luhn check. */
  public enum Luhn {
    /** Tokens pass the Luhn check, for systems that validate card numbers. */
    VALID,
    /** Tokens fail the Luhn check on purpose, so they are never taken for card numbers. */
    INVALID
  }

  private static final TokenPolicy DEFAULTS = builder().build();

  private final int keepBin;
  private final boolean keepLast4;
  private final Luhn luhn;

  private TokenPolicy(Builder b) {
    this.keepBin = b.keepBin;
    this.keepLast4 = b.keepLast4;
    this.luhn = b.luhn;
  }

  /** BIN 6, last 4, Luhn-invalid tokens. */
  public static TokenPolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many leading digits stay in clear: 0, 6 or 8. */
  public int keepBin() {
    return keepBin;
  }

  /** True when the last 4 digits stay in clear. */
  public boolean keepLast4() {
    return keepLast4;
  }

  /** Whether tokens pass the Luhn check. */
  public Luhn luhn() {
    return luhn;
  }

  @Override
  public String toString() {
    return "TokenPolicy{keepBin=" + keepBin + ", keepLast4=" + keepLast4 + ", luhn=" + luhn + "}";
  }

  /** Builds a {@link TokenPolicy}. */
  public static final class Builder {
    private int keepBin = 6;
    private boolean keepLast4 = true;
    private Luhn luhn = Luhn.INVALID;

    private Builder() {}

    /** Keeps the first {@code digits} (0, 6 or 8) in clear. */
    public Builder keepBin(int digits) {
      this.keepBin = digits;
      return this;
    }

    /** Keeps the last 4 digits in clear, or not. */
    public Builder keepLast4(boolean keep) {
      this.keepLast4 = keep;
      return this;
    }

    /** Chooses whether tokens pass the Luhn check. */
    public Builder luhn(Luhn value) {
      this.luhn = java.util.Objects.requireNonNull(value, "luhn");
      return this;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalArgumentException if {@code keepBin} is not 0, 6 or 8
     */
    public TokenPolicy build() {
      if (keepBin != 0 && keepBin != 6 && keepBin != 8) {
        throw new IllegalArgumentException("keepBin must be 0, 6 or 8, was " + keepBin);
      }
      return new TokenPolicy(this);
    }
  }
}
