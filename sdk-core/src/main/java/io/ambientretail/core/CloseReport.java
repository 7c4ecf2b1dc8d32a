package io.ambientretail.core;

import java.util.List;

/**
 * What {@link EventBus#close(java.time.Duration)} left behind: for each subscription, how many
 * events were still queued when the drain deadline passed (0 when all were delivered).
 *
 * @param drained true when every queued event was delivered before the deadline
 * @param subscriptions the final counters of each subscription
 */
public record CloseReport(boolean drained, List<SubscriptionStats> subscriptions) {
  /** Copies the list. */
  public CloseReport {
    subscriptions = List.copyOf(subscriptions);
  }

  /** The number of events that were never delivered because the bus closed. */
  public long undelivered() {
    return subscriptions.stream().mapToLong(SubscriptionStats::queued).sum();
  }
}
