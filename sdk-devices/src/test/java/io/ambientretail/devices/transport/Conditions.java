package io.ambientretail.devices.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that has no event to wait on (a file appearing, a port listening, a
 * simulator's state), polling it until a deadline. Tests use it instead of sleeping.
 */
public final class Conditions {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private Conditions() {}

  /** Polls {@code condition} until it holds (true) or {@code timeout} passes (false). */
  public static boolean await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return true;
  }
}
