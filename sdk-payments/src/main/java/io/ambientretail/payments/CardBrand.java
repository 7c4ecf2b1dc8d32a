package io.ambientretail.payments;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A payment card brand (scheme), recognised from the registered application provider ID (RID, the
 * first 5 bytes of the AID). An open set: a final class with constants, so adding a brand never
 * breaks a caller's {@code switch}. Immutable and thread-safe.
 */
public final class CardBrand {
  /** Visa (RID A000000003). */
  public static final CardBrand VISA = new CardBrand("VISA", "A000000003");

  /** Mastercard (RID A000000004, other than Maestro). */
  public static final CardBrand MASTERCARD = new CardBrand("MASTERCARD", "A000000004");

  /** Maestro (AID A0000000043060). */
  public static final CardBrand MAESTRO = new CardBrand("MAESTRO", "A0000000043060");

  /** American Express (RID A000000025). */
  public static final CardBrand AMEX = new CardBrand("AMEX", "A000000025");

  /** Discover (RID A000000152). */
  public static final CardBrand DISCOVER = new CardBrand("DISCOVER", "A000000152");

  /** Diners Club International via Discover Global Network (RID A000000324). */
  public static final CardBrand DINERS = new CardBrand("DINERS", "A000000324");

  /** JCB (RID A000000065). */
  public static final CardBrand JCB = new CardBrand("JCB", "A000000065");

  /** UnionPay (RID A000000333). */
  public static final CardBrand UNIONPAY = new CardBrand("UNIONPAY", "A000000333");

  /** Interac (RID A000000277). */
  public static final CardBrand INTERAC = new CardBrand("INTERAC", "A000000277");

  /** girocard (RID A000000359). */
  public static final CardBrand GIROCARD = new CardBrand("GIROCARD", "A000000359");

  /** A brand this version does not know. */
  public static final CardBrand UNKNOWN = new CardBrand("UNKNOWN", "");

  private static final List<CardBrand> KNOWN =
      List.of(MAESTRO, VISA, MASTERCARD, AMEX, DISCOVER, DINERS, JCB, UNIONPAY, INTERAC, GIROCARD);

  private final String name;
  private final String aidPrefix;

  private CardBrand(String name, String aidPrefix) {
    this.name = name;
    this.aidPrefix = aidPrefix;
  }

  /** The brand of an AID given as hex, or {@link #UNKNOWN}. */
  public static CardBrand ofAid(String aidHex) {
    String aid = Objects.requireNonNull(aidHex, "aidHex").toUpperCase(Locale.ROOT);
    for (CardBrand b : KNOWN) {
      if (aid.startsWith(b.aidPrefix)) {
        return b;
      }
    }
    return UNKNOWN;
  }

  /** The brand by its name (e.g. {@code "VISA"}), or {@link #UNKNOWN}. */
  public static CardBrand ofName(String name) {
    for (CardBrand b : KNOWN) {
      if (b.name.equalsIgnoreCase(name)) {
        return b;
      }
    }
    return UNKNOWN;
  }

  /** The brand's name in upper case, as the CLI prints it, e.g. {@code VISA}. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardBrand && ((CardBrand) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
