package io.ambientretail.devices.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the base delay doubles from the initial to the maximum, and each
 * delay is drawn uniformly from {@code [base * (1 - jitter), base]}, so devices that lost their
 * link together (a power cut, a USB hub reset, pcscd restarting) do not all retry in the same
 * instant. Not thread-safe: one per retry loop.
 */
public final class Backoff {
  private final long initial;
  private final long max;
  private final double jitter;
  private final RandomGenerator random;
  private long base;

  /**
   * A backoff from {@code initial} doubling to {@code max}, with {@code jitter} in 0..1 (0: none).
   */
  public Backoff(Duration initial, Duration max, double jitter, RandomGenerator random) {
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be 0..1, was " + jitter);
    }
    this.initial = initial.toNanos();
    this.max = max.toNanos();
    this.jitter = jitter;
    this.random = random;
    this.base = this.initial;
  }

  /** The next delay in nanoseconds; the base then doubles (up to the maximum). */
  public long nextNanos() {
    long b = base;
    base = Math.min(max, b > max / 2 ? max : b * 2);
    long spread = (long) (b * jitter);
    return spread <= 0 ? b : b - spread + random.nextLong(spread + 1);
  }

  /** Starts again from the initial delay (after a success). */
  public void reset() {
    base = initial;
  }
}
