package io.ambientretail.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that moves only when a test tells it to, so time-dependent code (retention,
 * capture deadlines, offline expiry) is tested without sleeping.
 *
 * <p>Thread-safe: readers always see the latest {@link #set} or {@link #advance}.
 */
public final class ManualClock extends Clock {
  private final ZoneId zone;
  private volatile Instant now;

  private ManualClock(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock stopped at {@code instant}, in UTC. */
  public static ManualClock at(Instant instant) {
    return new ManualClock(Objects.requireNonNull(instant, "instant"), ZoneOffset.UTC);
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public synchronized ManualClock advance(Duration by) {
    now = now.plus(by);
    return this;
  }

  /** Sets the clock to {@code instant}. */
  public ManualClock set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
    return this;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    ManualClock parent = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId z) {
        return parent.withZone(z);
      }

      @Override
      public Instant instant() {
        return parent.instant();
      }
    };
  }

  @Override
  public Instant instant() {
    return now;
  }
}
