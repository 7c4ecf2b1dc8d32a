package io.ambientretail.payments.session;

import io.ambientretail.payments.gateway.DeclineReason;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a shopper may enter: the door opens only when the entry authorisation was approved, or
 * the gateway was unreachable and store-and-forward admitted the card under its limits.
 *
 * <p>Immutable.
 */
public final class EntryDecision {
  /** How the entry was decided. */
  public enum Outcome {
    /** The hold was approved: the door opens. */
    APPROVED,
    /** The gateway was unreachable and the card was admitted offline: the door opens. */
    ADMITTED_OFFLINE,
    /** The issuer declined the hold (or asked for a referral): the door stays shut. */
    DECLINED,
    /** The gateway was unreachable and store-and-forward refused the card: the door stays shut. */
    REFUSED_OFFLINE,
    /**
     * The gateway was unreachable and no store-and-forward is configured, or its TLS identity was
     * refused (never treated as an outage): the door stays shut.
     */
    UNAVAILABLE
  }

  private final Outcome outcome;
  private final @Nullable WalkOutSession session;
  private final String reason;
  private final @Nullable DeclineReason declineReason;

  EntryDecision(
      Outcome outcome,
      @Nullable WalkOutSession session,
      String reason,
      @Nullable DeclineReason declineReason) {
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.session = session;
    this.reason = reason;
    this.declineReason = declineReason;
  }

  /** How the entry was decided. */
  public Outcome outcome() {
    return outcome;
  }

  /** True when the door may open. */
  public boolean opensDoor() {
    return outcome == Outcome.APPROVED || outcome == Outcome.ADMITTED_OFFLINE;
  }

  /** The session, present when the door opens. */
  public Optional<WalkOutSession> session() {
    return Optional.ofNullable(session);
  }

  /** The gateway's decline reason, when declined. */
  public Optional<DeclineReason> declineReason() {
    return Optional.ofNullable(declineReason);
  }

  /** Why, in words, for the kiosk screen and logs (never card data). */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "EntryDecision[" + outcome + ", " + reason + "]";
  }
}
