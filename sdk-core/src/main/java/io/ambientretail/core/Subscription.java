package io.ambientretail.core;

/**
 * A live subscription to an {@link EventBus}: its counters, and {@link #close()} to stop receiving
 * events. Closing discards what is still queued for this subscriber.
 */
public interface Subscription extends AutoCloseable {
  /** The name given at subscription, used in stats and logs. */
  String name();

  /** The counters of this subscription now. */
  SubscriptionStats stats();

  /** Stops delivery to this subscriber; idempotent. */
  @Override
  void close();
}
