package io.ambientretail.testing.acquirer;

import io.ambientretail.payments.gateway.DeclineReason;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One scripted misbehaviour of the {@link SimulatedAcquirer} for the next request of an operation:
 * decline it, answer with a server error, answer late, drop the connection after doing the work, or
 * stall after doing the work until released. Immutable.
 */
public final class AcquirerFault {
  enum Kind {
    DECLINE,
    SERVER_ERROR,
    DELAY,
    DROP_AFTER_WORK,
    STALL_AFTER_WORK
  }

  final Kind kind;
  final @Nullable DeclineReason reason;
  final int status;
  final Duration delay;

  private AcquirerFault(Kind kind, @Nullable DeclineReason reason, int status, Duration delay) {
    this.kind = kind;
    this.reason = reason;
    this.status = status;
    this.delay = delay;
  }

  /** Declines the request with {@code reason}, performing nothing. */
  public static AcquirerFault decline(DeclineReason reason) {
    return new AcquirerFault(
        Kind.DECLINE, Objects.requireNonNull(reason, "reason"), 200, Duration.ZERO);
  }

  /**
   * Answers with HTTP {@code status} (500-599) and a retryable error, performing nothing and
   * keeping no idempotency record, as a gateway whose back end is briefly down.
   */
  public static AcquirerFault serverError(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status must be 5xx, was " + status);
    }
    return new AcquirerFault(Kind.SERVER_ERROR, null, status, Duration.ZERO);
  }

  /** Performs the request, then waits {@code delay} before answering (to trip client timeouts). */
  public static AcquirerFault delay(Duration delay) {
    return new AcquirerFault(Kind.DELAY, null, 200, Objects.requireNonNull(delay, "delay"));
  }

  /**
   * Performs the request and keeps its idempotency record, then closes the connection without an
   * answer: the client cannot know the money moved.
   */
  public static AcquirerFault dropConnectionAfterWork() {
    return new AcquirerFault(Kind.DROP_AFTER_WORK, null, 0, Duration.ZERO);
  }

  /**
   * Performs the request, then holds the answer until {@link SimulatedAcquirer#releaseStalled()} or
   * close: a window in which a test can kill the client between send and answer.
   */
  public static AcquirerFault stallAfterWork() {
    return new AcquirerFault(Kind.STALL_AFTER_WORK, null, 0, Duration.ZERO);
  }

  @Override
  public String toString() {
    return "AcquirerFault[" + kind + (reason == null ? "" : " " + reason) + "]";
  }
}
