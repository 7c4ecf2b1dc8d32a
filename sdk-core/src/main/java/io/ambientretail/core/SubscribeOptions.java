package io.ambientretail.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link EventBus} subscription queues events: its name, queue capacity, what happens when
 * the queue is full, and how long a publisher may wait under {@link
 * OverflowPolicy#BLOCK_PUBLISHER}.
 *
 * <pre>{@code
 * SubscribeOptions.builder().name("cart-fusion").capacity(4096)
 *     .overflow(OverflowPolicy.DROP_OLDEST).build();
 * }</pre>
 */
public final class SubscribeOptions {
  private final String name;
  private final int capacity;
  private final OverflowPolicy overflow;
  private final Duration blockTimeout;

  private SubscribeOptions(Builder b) {
    this.name = b.name;
    this.capacity = b.capacity;
    this.overflow = b.overflow;
    this.blockTimeout = b.blockTimeout;
  }

  /** A builder with the defaults: capacity 1024, {@link OverflowPolicy#DROP_NEWEST}, 1 s block. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults with the given name. */
  public static SubscribeOptions named(String name) {
    return builder().name(name).build();
  }

  /** The subscription's name, or an empty string for a generated one. */
  public String name() {
    return name;
  }

  /** The maximum number of events queued for the subscriber. */
  public int capacity() {
    return capacity;
  }

  /** The policy when the queue is full. */
  public OverflowPolicy overflow() {
    return overflow;
  }

  /** How long a publisher waits under {@link OverflowPolicy#BLOCK_PUBLISHER}. */
  public Duration blockTimeout() {
    return blockTimeout;
  }

  /** Builds {@link SubscribeOptions}; not thread-safe. */
  public static final class Builder {
    private String name = "";
    private int capacity = 1024;
    private OverflowPolicy overflow = OverflowPolicy.DROP_NEWEST;
    private Duration blockTimeout = Duration.ofSeconds(1);

    private Builder() {}

    /** The name shown in stats and logs. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The queue capacity, 1 to 1,048,576. */
    public Builder capacity(int capacity) {
      this.capacity = capacity;
      return this;
    }

    /** The overflow policy. */
    public Builder overflow(OverflowPolicy overflow) {
      this.overflow = Objects.requireNonNull(overflow, "overflow");
      return this;
    }

    /** The longest a publisher waits for room under {@link OverflowPolicy#BLOCK_PUBLISHER}. */
    public Builder blockTimeout(Duration timeout) {
      this.blockTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Validates and builds. */
    public SubscribeOptions build() {
      if (capacity < 1 || capacity > (1 << 20)) {
        throw new IllegalArgumentException("capacity must be 1 to 1048576, was " + capacity);
      }
      if (blockTimeout.isNegative()) {
        throw new IllegalArgumentException("blockTimeout must not be negative");
      }
      return new SubscribeOptions(this);
    }
  }
}
