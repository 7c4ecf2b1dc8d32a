package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import java.io.IOException;
import java.time.Duration;

/**
 * A device with the UnifiedPOS lifecycle: {@link #open()}, {@link #claim(Duration)} (take the port
 * exclusively), {@link #enable()} (data events flow), {@link #disable()}, {@link #release()},
 * {@link #close()}. A call out of order throws {@link DeviceStateException} naming the state the
 * device is in and the state the call needs.
 *
 * <p>Events go to listeners and, when configured, the sdk-core event bus, on a delivery thread,
 * never on the port's I/O thread. Status and error events flow while claimed; data events only
 * while enabled. After a lost link the device reconnects by itself with backoff, reporting the gap
 * as {@link StatusEvent}s.
 *
 * <p>Implementations are thread-safe.
 */
public interface Device extends AutoCloseable {
  /** The device's id. */
  DeviceId id();

  /** The device's kind. */
  DeviceKind kind();

  /** The lifecycle state. */
  DeviceState state();

  /** The health: idle, online, offline, reconnecting or failed. */
  DeviceHealth health();

  /** Opens the device: it may now be claimed. Needs {@link DeviceState#CLOSED}. */
  void open();

  /**
   * Claims the device: opens its transport, waiting at most {@code timeout} for the first
   * connection. Needs {@link DeviceState#OPENED}.
   *
   * @throws IOException if the transport could not be connected in time; the device stays opened
   */
  void claim(Duration timeout) throws IOException;

  /** Enables data events. Needs {@link DeviceState#CLAIMED}. */
  void enable();

  /** Disables data events. Needs {@link DeviceState#ENABLED}. */
  void disable();

  /** Releases the transport (disabling first when enabled). Needs claimed or enabled. */
  void release();

  /** Closes the device from any state, releasing what it holds; a second call does nothing. */
  @Override
  void close();

  /** Adds a listener for every event of this device. */
  void addListener(DeviceListener listener);

  /** Removes a listener; does nothing if it was not added. */
  void removeListener(DeviceListener listener);

  /**
   * What the device has done so far: reads, errors, reconnects, listener failures, dropped events,
   * the last error. The default (for drivers that count nothing) is {@link DeviceStatistics#NONE}.
   */
  default DeviceStatistics statistics() {
    return DeviceStatistics.NONE;
  }

  /**
   * Checks the device's health at {@code level}, waiting at most {@code timeout} for an answer;
   * never throws for a failed check (the report says why). The default answers {@link
   * HealthCheckLevel#INTERNAL} from {@link #health()} and reports the other levels unsupported.
   */
  default HealthReport checkHealth(HealthCheckLevel level, Duration timeout) {
    DeviceHealth h = health();
    if (level != HealthCheckLevel.INTERNAL) {
      return new HealthReport(
          level,
          false,
          false,
          h,
          level + " check not offered by this driver",
          java.time.Instant.now());
    }
    return new HealthReport(
        level, h == DeviceHealth.ONLINE, true, h, "health " + h, java.time.Instant.now());
  }
}
