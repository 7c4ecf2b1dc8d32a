package io.ambientretail.payments.session;

import io.ambientretail.core.Money;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * One shopper's visit to a walk-out store, from the entry hold to the receipt. Obtain it from
 * {@link WalkOutSessions#enter}; tell it the basket total as it changes and the final total at
 * exit.
 *
 * <p>Every gateway request it makes is journaled before it is sent, with a key derived from the
 * session id, so each call here may be repeated (after a crash, by another thread, by a retrying
 * kiosk) without moving money twice. Thread-safe.
 */
public final class WalkOutSession {
  private final WalkOutSessions owner;
  private final SessionRecord record;

  WalkOutSession(WalkOutSessions owner, SessionRecord record) {
    this.owner = owner;
    this.record = record;
  }

  /** The visit's id, which is also its receipt's number. */
  public SessionId id() {
    return record.id;
  }

  /** True when the shopper was admitted offline by store-and-forward. */
  public boolean offline() {
    synchronized (record) {
      return record.offline;
    }
  }

  /** What the card's authorisation holds now (zero offline). */
  public Money authorised() {
    synchronized (record) {
      return record.authorised();
    }
  }

  /** The capture deadline the gateway stated, if it stated one. */
  public Optional<Instant> captureBefore() {
    synchronized (record) {
      return Optional.ofNullable(record.captureBefore());
    }
  }

  /** True once the visit's money has settled or been queued and the session is finished. */
  public boolean closed() {
    synchronized (record) {
      return record.closed;
    }
  }

  /**
   * Records the basket's new total and, when it passes what is authorised, increments the hold
   * (rounded up to the policy's step). A refused increment is not an error: the session captures
   * what the hold covers at exit and charges the rest separately on the same token.
   *
   * @throws IOException if the basket could not be journaled
   * @throws io.ambientretail.payments.gateway.PaymentValueException if the session has exited or
   *     the total is negative or in another currency
   */
  public BasketCoverage basketChanged(Money total) throws IOException {
    return owner.basketChanged(record, total);
  }

  /**
   * The shopper left with a basket of {@code total}: captures it (releasing the rest of the hold),
   * charges what the hold could not cover, or voids the hold for an empty basket. When the gateway
   * cannot be reached the receipt is {@link Receipt.Status#PENDING} and {@link
   * WalkOutSessions#recover()} finishes it; offline sessions queue the charge.
   *
   * <p>Calling it again returns the receipt as it stands; a different total is an error.
   *
   * @throws IOException if the exit could not be journaled
   */
  public Receipt exit(Money total) throws IOException {
    return owner.exit(record, total);
  }

  /** The receipt as it stands. */
  public Receipt receipt() {
    synchronized (record) {
      return record.receipt();
    }
  }

  @Override
  public String toString() {
    return "WalkOutSession[" + record.id + "]";
  }
}
