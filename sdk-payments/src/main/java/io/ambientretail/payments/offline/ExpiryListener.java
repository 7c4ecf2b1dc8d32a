package io.ambientretail.payments.offline;

import java.time.Duration;

/**
 * Told when a queued payment comes within the policy's warning time of its expiry, so an operator
 * can restore the connection before money is lost. Called on the thread that calls {@link
 * StoreAndForward#checkExpiry(ExpiryListener)}; must not block.
 */
@FunctionalInterface
public interface ExpiryListener {
  /**
   * A queued payment will expire in {@code left} (negative when already expired).
   *
   * @param payment the payment
   * @param left time until it expires
   */
  void expiringSoon(QueuedPayment payment, Duration left);
}
