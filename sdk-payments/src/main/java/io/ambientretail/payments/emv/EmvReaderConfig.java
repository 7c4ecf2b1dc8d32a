package io.ambientretail.payments.emv;

import io.ambientretail.core.Money;
import io.ambientretail.payments.CardBrand;
import io.ambientretail.payments.tlv.TlvLimits;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The terminal side of a card read: the data the card may ask for in its PDOL (amount, currency,
 * country, terminal type, TTQ, date, a fresh unpredictable number), which applications to look for
 * and which brands to prefer, and the bounds on what the card may send.
 *
 * <p>Defaults: amount 0.00 EUR, country 276, terminal type {@code 25} (unattended, online only),
 * TTQ {@code 36008000}, capabilities {@code E008C8}, the {@link #defaultCandidateAids() known
 * AIDs}, no brand preference, the system clock in UTC, a new {@link SecureRandom}, {@link
 * TlvLimits#defaults()}, at most 64 records. Immutable and thread-safe (the {@link SecureRandom}
 * is).
 */
public final class EmvReaderConfig {
  private static final List<String> KNOWN_AIDS =
      List.of(
          "A0000000031010",
          "A0000000032010",
          "A0000000032020",
          "A0000000038010",
          "A0000000041010",
          "A0000000043060",
          "A0000000046000",
          "A00000002501",
          "A0000001523010",
          "A0000003241010",
          "A0000000651010",
          "A000000333010101",
          "A000000333010102",
          "A000000333010103",
          "A0000002771010",
          "A0000003591010028001");

  private final Money amount;
  private final Money otherAmount;
  private final int countryCode;
  private final int terminalType;
  private final byte[] ttq;
  private final byte[] capabilities;
  private final List<CardBrand> brandPreference;
  private final List<String> candidateAids;
  private final Clock clock;
  private final SecureRandom random;
  private final TlvLimits limits;
  private final int maxRecords;

  private EmvReaderConfig(Builder b) {
    this.amount = b.amount;
    this.otherAmount = b.otherAmount == null ? Money.zero(b.amount.currency()) : b.otherAmount;
    this.countryCode = b.countryCode;
    this.terminalType = b.terminalType;
    this.ttq = b.ttq.clone();
    this.capabilities = b.capabilities.clone();
    this.brandPreference = List.copyOf(b.brandPreference);
    this.candidateAids = List.copyOf(b.candidateAids);
    this.clock = b.clock;
    this.random = b.random == null ? new SecureRandom() : b.random;
    this.limits = b.limits;
    this.maxRecords = b.maxRecords;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The AIDs tried one by one when a card has neither PPSE nor PSE. */
  public static List<String> defaultCandidateAids() {
    return KNOWN_AIDS;
  }

  /** Amount, authorised (9F02) and transaction currency (5F2A). */
  public Money amount() {
    return amount;
  }

  /** Amount, other (9F03). */
  public Money otherAmount() {
    return otherAmount;
  }

  /** Terminal country code (9F1A), ISO 3166-1 numeric. */
  public int countryCode() {
    return countryCode;
  }

  /** Terminal type (9F35). */
  public int terminalType() {
    return terminalType;
  }

  /** Terminal transaction qualifiers (9F66), a copy. */
  public byte[] ttq() {
    return ttq.clone();
  }

  /** Terminal capabilities (9F33), a copy. */
  public byte[] capabilities() {
    return capabilities.clone();
  }

  /** Brands to prefer, most preferred first; brands not listed come after, by priority. */
  public List<CardBrand> brandPreference() {
    return brandPreference;
  }

  /** AIDs (hex) tried when the card has neither PPSE nor PSE. */
  public List<String> candidateAids() {
    return candidateAids;
  }

  /** The clock for the transaction date (9A) and time (9F21). */
  public Clock clock() {
    return clock;
  }

  /** The source of unpredictable numbers (9F37). */
  public SecureRandom random() {
    return random;
  }

  /** The TLV limits applied to every response. */
  public TlvLimits limits() {
    return limits;
  }

  /** The most records a card may list in its AFL. */
  public int maxRecords() {
    return maxRecords;
  }

  /** Builds an {@link EmvReaderConfig}. */
  public static final class Builder {
    private Money amount = Money.ofMinor(0, "EUR");
    private Money otherAmount;
    private int countryCode = 276;
    private int terminalType = 0x25;
    private byte[] ttq = {0x36, 0x00, (byte) 0x80, 0x00};
    private byte[] capabilities = {(byte) 0xE0, 0x08, (byte) 0xC8};
    private List<CardBrand> brandPreference = List.of();
    private List<String> candidateAids = KNOWN_AIDS;
    private Clock clock = Clock.system(ZoneId.of("UTC"));
    private SecureRandom random;
    private TlvLimits limits = TlvLimits.defaults();
    private int maxRecords = 64;

    private Builder() {}

    /** Sets the amount authorised; its currency becomes the transaction currency. */
    public Builder amount(Money value) {
      this.amount = Objects.requireNonNull(value, "amount");
      return this;
    }

    /** Sets amount, other (cashback); same currency as the amount. */
    public Builder otherAmount(Money value) {
      this.otherAmount = Objects.requireNonNull(value, "otherAmount");
      return this;
    }

    /** Sets the terminal country, ISO 3166-1 numeric (1..999). */
    public Builder countryCode(int value) {
      this.countryCode = value;
      return this;
    }

    /** Sets the terminal type (9F35), e.g. {@code 0x25}. */
    public Builder terminalType(int value) {
      this.terminalType = value;
      return this;
    }

    /** Sets the terminal transaction qualifiers (9F66), 4 bytes. */
    public Builder ttq(byte[] value) {
      this.ttq = value.clone();
      return this;
    }

    /** Sets the terminal capabilities (9F33), 3 bytes. */
    public Builder capabilities(byte[] value) {
      this.capabilities = value.clone();
      return this;
    }

    /** Sets the preferred brands, most preferred first. */
    public Builder brandPreference(List<CardBrand> value) {
      this.brandPreference = List.copyOf(value);
      return this;
    }

    /** Sets the AIDs (hex) to try when the card has neither PPSE nor PSE. */
    public Builder candidateAids(List<String> value) {
      this.candidateAids = List.copyOf(value);
      return this;
    }

    /** Sets the clock for the transaction date and time. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Sets the source of unpredictable numbers. */
    public Builder random(SecureRandom value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /** Sets the TLV limits for responses. */
    public Builder limits(TlvLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /** Sets the most records a card may list in its AFL (1..1024). */
    public Builder maxRecords(int value) {
      this.maxRecords = value;
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException for a negative amount, a currency mismatch, a country code
     *     outside 1..999, a TTQ that is not 4 bytes, capabilities not 3 bytes, an AID that is not
     *     5..16 bytes of hex, or maxRecords outside 1..1024
     */
    public EmvReaderConfig build() {
      if (amount.isNegative() || amount.minor() > 999_999_999_999L) {
        throw new IllegalArgumentException("amount must be 0..999999999999 minor units");
      }
      if (otherAmount != null && !otherAmount.currency().equals(amount.currency())) {
        throw new IllegalArgumentException("other amount must be in " + amount.currency());
      }
      if (countryCode < 1 || countryCode > 999) {
        throw new IllegalArgumentException("country code must be 1..999, was " + countryCode);
      }
      if (ttq.length != 4 || capabilities.length != 3) {
        throw new IllegalArgumentException("TTQ is 4 bytes and capabilities 3 bytes");
      }
      for (String aid : candidateAids) {
        if (!aid.matches("(?i)([0-9a-f]{2}){5,16}")) {
          throw new IllegalArgumentException(
              "candidate AID '" + aid + "' is not 5..16 bytes of hex");
        }
      }
      if (maxRecords < 1 || maxRecords > 1024) {
        throw new IllegalArgumentException("maxRecords must be 1..1024, was " + maxRecords);
      }
      candidateAids = candidateAids.stream().map(a -> a.toUpperCase(Locale.ROOT)).toList();
      return new EmvReaderConfig(this);
    }
  }
}
