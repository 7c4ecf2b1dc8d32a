package io.ambientretail.payments.gateway;

import io.ambientretail.payments.PaymentsErrors;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why the issuer or acquirer declined a request: an open set of stable codes, so a gateway that
 * adds a reason never breaks a caller's {@code switch}. Compare with {@link #equals}.
 *
 * <p>A code is upper-case letters, digits and underscores. Immutable.
 */
public final class DeclineReason {
  private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

  /** Not enough funds or credit for the amount. */
  public static final DeclineReason INSUFFICIENT_FUNDS = new DeclineReason("INSUFFICIENT_FUNDS");

  /** The issuer declined without a specific reason. */
  public static final DeclineReason DO_NOT_HONOUR = new DeclineReason("DO_NOT_HONOUR");

  /** The card has expired. */
  public static final DeclineReason EXPIRED_CARD = new DeclineReason("EXPIRED_CARD");

  /** Suspected fraud, or a card on a block list. */
  public static final DeclineReason FRAUD_SUSPECTED = new DeclineReason("FRAUD_SUSPECTED");

  /**
   * The authorisation cannot be incremented (card-present wallets, some schemes): capture what the
   * hold covers and charge the rest separately.
   */
  public static final DeclineReason INCREMENT_NOT_SUPPORTED =
      new DeclineReason("INCREMENT_NOT_SUPPORTED");

  /** The amount is over a limit of the card, the scheme or the merchant account. */
  public static final DeclineReason AMOUNT_LIMIT = new DeclineReason("AMOUNT_LIMIT");

  /** The authorisation is no longer open (expired, released or fully captured). */
  public static final DeclineReason AUTHORISATION_CLOSED =
      new DeclineReason("AUTHORISATION_CLOSED");

  /** A capture or refund larger than what is left to capture or refund. */
  public static final DeclineReason AMOUNT_EXCEEDS_REMAINING =
      new DeclineReason("AMOUNT_EXCEEDS_REMAINING");

  private final String code;

  private DeclineReason(String code) {
    this.code = code;
  }

  /**
   * Returns the reason with the given code (a known constant or a gateway-specific one).
   *
   * @throws PaymentValueException if the code is not upper-case letters, digits and underscores
   */
  public static DeclineReason of(String code) {
    Objects.requireNonNull(code, "code");
    if (!VALID.matcher(code).matches()) {
      throw new PaymentValueException(
          PaymentsErrors.PAYMENT_VALUE, "decline reason must match [A-Z][A-Z0-9_]{1,63}");
    }
    return new DeclineReason(code);
  }

  /** The code as text. */
  public String code() {
    return code;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeclineReason && ((DeclineReason) o).code.equals(code);
  }

  @Override
  public int hashCode() {
    return code.hashCode();
  }

  @Override
  public String toString() {
    return code;
  }
}
