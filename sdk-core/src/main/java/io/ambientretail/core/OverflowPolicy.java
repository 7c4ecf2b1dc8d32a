package io.ambientretail.core;

/**
 * What an {@link EventBus} subscription does when its bounded queue is full, chosen per
 * subscription. Every event that a policy drops is counted in {@link SubscriptionStats#dropped()}.
 */
public enum OverflowPolicy {
  /** Drop the event being published; the subscriber keeps what it had queued (the default). */
  DROP_NEWEST,
  /** Drop the oldest queued event to make room; right for "latest value" feeds such as weights. */
  DROP_OLDEST,
  /**
   * Make the publisher wait for room, up to the subscription's block timeout, then drop the event.
   * Only the publisher waits: delivery to other subscribers goes on.
   */
  BLOCK_PUBLISHER
}
