package io.ambientretail.payments.gateway.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HttpPaymentGateway} retries a request whose answer was lost or was a retryable error:
 * up to {@code maxAttempts} sends in all, waiting between them an exponentially growing backoff
 * (from {@code initialBackoff}, doubling, capped at {@code maxBackoff}) of which a random half is
 * jitter, so many kiosks recovering at once do not retry in step. Every retry carries the same
 * idempotency key. Declines and non-retryable errors are never retried.
 *
 * <p>Immutable.
 *
 * @param maxAttempts sends in all, at least 1
 * @param initialBackoff the wait before the second send (before jitter)
 * @param maxBackoff the longest wait between two sends
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  /** Validates the fields. */
  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("maxAttempts must be 1..20, was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
    }
  }

  /** The default: 4 sends, 200 ms first backoff, at most 5 s between sends. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  /** One send, no retry. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The wait before send number {@code attempt + 1} (attempt counts from 1), given a uniformly
   * random {@code unit} in [0, 1): half the capped exponential backoff plus a random share of the
   * other half.
   */
  public Duration backoff(int attempt, double unit) {
    long base = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    long exp = base;
    for (int i = 1; i < attempt && exp < cap; i++) {
      exp = Math.min(cap, exp * 2);
    }
    exp = Math.min(cap, exp);
    long half = exp / 2;
    return Duration.ofMillis(half + (long) ((exp - half) * unit));
  }
}
