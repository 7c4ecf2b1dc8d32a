package io.ambientretail.devices;

import io.ambientretail.core.EventBus;
import io.ambientretail.core.StoreId;
import io.ambientretail.devices.transport.FrameLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * What every device driver shares: the clock that stamps events, the event bus (and store) to
 * publish on, the executor events are delivered on, framing limits and the reconnect backoff.
 *
 * <p>Defaults: the system UTC clock; no bus; a daemon delivery thread per device; {@link
 * FrameLimits#DEFAULTS}; reconnect after 100 ms, doubling up to 5 s, each delay drawn from its
 * lower half to its full length (jitter 0.5); a delivery queue of 1,024 events.
 *
 * <p>Overflow policy of the delivery queue: when a slow listener lets {@link #eventQueueCapacity()}
 * events pile up, the oldest queued reading (a weight, lane or temperature, each superseded by the
 * next one) makes room for the new event; when the queue holds no reading, the new event is dropped
 * instead. Either way the drop is counted ({@link DeviceStatistics#dropped()}) and reported once,
 * as a {@code EVENT_QUEUE_OVERFLOW} error event, when the queue has room again. Scans, cards,
 * doors, status and errors are therefore lost only when the queue is full of them.
 *
 * <p>Immutable.
 */
public final class DeviceOptions {
  private static final DeviceOptions DEFAULTS = builder().build();

  private final Clock clock;
  private final @Nullable EventBus bus;
  private final @Nullable StoreId store;
  private final @Nullable Executor executor;
  private final FrameLimits frameLimits;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double backoffJitter;
  private final int eventQueueCapacity;

  private DeviceOptions(Builder b) {
    this.clock = b.clock;
    this.bus = b.bus;
    this.store = b.store;
    this.executor = b.executor;
    this.frameLimits = b.frameLimits;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.backoffJitter = b.backoffJitter;
    this.eventQueueCapacity = b.eventQueueCapacity;
  }

  /** The defaults. */
  public static DeviceOptions defaults() {
    return DEFAULTS;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The clock that stamps events. */
  public Clock clock() {
    return clock;
  }

  /** The bus events are published on, or null. */
  public @Nullable EventBus bus() {
    return bus;
  }

  /** The store events are published for; set whenever {@link #bus()} is. */
  public @Nullable StoreId store() {
    return store;
  }

  /** The executor events are delivered on, or null for a daemon thread per device. */
  public @Nullable Executor executor() {
    return executor;
  }

  /** The framing limits. */
  public FrameLimits frameLimits() {
    return frameLimits;
  }

  /** The first reconnect delay. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest reconnect delay. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The share of each reconnect delay drawn at random, 0 (none) to 1. */
  public double backoffJitter() {
    return backoffJitter;
  }

  /** The most events queued for delivery per device (see the overflow policy above). */
  public int eventQueueCapacity() {
    return eventQueueCapacity;
  }

  /** Builds {@link DeviceOptions}; not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private @Nullable EventBus bus;
    private @Nullable StoreId store;
    private @Nullable Executor executor;
    private FrameLimits frameLimits = FrameLimits.DEFAULTS;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private double backoffJitter = 0.5;
    private int eventQueueCapacity = 1024;

    private Builder() {}

    /**
     * The share of each reconnect delay drawn at random: 0 retries at exactly the doubling delays,
     * 0.5 (the default) anywhere from half of it to all of it.
     *
     * @throws IllegalArgumentException if not within 0..1
     */
    public Builder backoffJitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("jitter must be 0..1, was " + jitter);
      }
      this.backoffJitter = jitter;
      return this;
    }

    /**
     * The most events queued for delivery per device, 16 to 1,048,576 (default 1,024).
     *
     * @throws IllegalArgumentException if outside that range
     */
    public Builder eventQueueCapacity(int capacity) {
      if (capacity < 16 || capacity > 1 << 20) {
        throw new IllegalArgumentException(
            "eventQueueCapacity must be 16..1048576, was " + capacity);
      }
      this.eventQueueCapacity = capacity;
      return this;
    }

    /** The clock that stamps events. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Publishes every event on {@code bus} for {@code store}, as well as to listeners. */
    public Builder bus(EventBus bus, StoreId store) {
      this.bus = Objects.requireNonNull(bus, "bus");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Delivers events on {@code executor} (one task at a time per device, in order). The device
     * does not shut it down.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The framing limits. */
    public Builder frameLimits(FrameLimits limits) {
      this.frameLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Reconnect after {@code initial}, doubling up to {@code max}. */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "initial");
      this.maxBackoff = Objects.requireNonNull(max, "max");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException if the backoff is not positive or initial exceeds max
     */
    public DeviceOptions build() {
      if (initialBackoff.isNegative()
          || initialBackoff.isZero()
          || initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException(
            "backoff must be 0 < initial <= max, was " + initialBackoff + " and " + maxBackoff);
      }
      return new DeviceOptions(this);
    }
  }
}
