package io.ambientretail.core;

/**
 * Counters of one {@link EventBus} subscription, read at one moment.
 *
 * @param name the subscription's name
 * @param delivered events handed to the subscriber
 * @param dropped events dropped by the overflow policy
 * @param failed deliveries in which the subscriber threw
 * @param queued events waiting in the queue
 */
public record SubscriptionStats(
    String name, long delivered, long dropped, long failed, int queued) {}
