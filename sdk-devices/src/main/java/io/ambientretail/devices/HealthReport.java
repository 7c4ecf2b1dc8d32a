package io.ambientretail.devices;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of a health check: whether the device passed at the level asked, its health after the
 * check and a one-line reason a person can act on.
 *
 * @param level the level checked
 * @param healthy true when the device passed
 * @param supported false when the device does not offer this level (then healthy is false too)
 * @param health the device's health after the check
 * @param detail what was checked and what went wrong, e.g. {@code "no answer to I4 within 500 ms"}
 * @param at when the check ended
 */
public record HealthReport(
    HealthCheckLevel level,
    boolean healthy,
    boolean supported,
    DeviceHealth health,
    String detail,
    Instant at) {
  /** Checks for nulls. */
  public HealthReport {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
    if (!supported && healthy) {
      throw new IllegalArgumentException("an unsupported check cannot be healthy");
    }
  }
}
