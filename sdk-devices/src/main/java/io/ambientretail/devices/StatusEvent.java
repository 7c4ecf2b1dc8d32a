package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change of a device's status: connected, disconnected and reconnecting (the gap of an unplugged
 * cable, whose length the {@code CONNECTED} event that ends it carries in {@link #gap()}), power,
 * overload and underload.
 *
 * @param device the device
 * @param at when it happened
 * @param status what the status is now
 * @param health the device's health after this change
 * @param detail a short human note, e.g. the port path or the backoff; may be empty
 * @param gap on {@code CONNECTED} after a loss: how long the device was gone, from the {@code at}
 *     of its {@code DISCONNECTED} event to this one's {@code at}; null on every other event
 */
public record StatusEvent(
    DeviceId device,
    Instant at,
    Status status,
    DeviceHealth health,
    String detail,
    @Nullable Duration gap)
    implements DeviceEvent {
  /** The statuses a device reports. */
  public enum Status {
    /** The transport is connected (first time or after a gap). */
    CONNECTED,
    /** The transport was lost (unplugged, far end closed). */
    DISCONNECTED,
    /** A reconnect attempt failed; the next one follows after the backoff in the detail. */
    RECONNECTING,
    /** The device is connected but stopped answering within its expected interval. */
    UNRESPONSIVE,
    /** The device answers again after being unresponsive. */
    RESPONSIVE,
    /** The device reports power on (or was reset). */
    POWER_ON,
    /** The scale reports more than its capacity. */
    OVERLOAD,
    /** The scale reports less than its zero range. */
    UNDERLOAD,
    /** The scale is back within range after an overload or underload. */
    IN_RANGE
  }

  /** Checks for nulls. */
  public StatusEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(detail, "detail");
    if (gap != null && gap.isNegative()) {
      throw new IllegalArgumentException("gap must not be negative, was " + gap);
    }
  }

  /** A status event without a gap. */
  public StatusEvent(
      DeviceId device, Instant at, Status status, DeviceHealth health, String detail) {
    this(device, at, status, health, detail, null);
  }
}
