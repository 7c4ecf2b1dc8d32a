package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import java.time.Instant;

/**
 * Something a device reported: data (a scan, a weight, lane readings, a card, a door), an error or
 * a change of status. Delivered to {@link DeviceListener}s and on the sdk-core event bus (see
 * {@link DeviceEvents}), never on the thread that reads the device's port.
 *
 * <p>Every implementation is an immutable record.
 */
public sealed interface DeviceEvent
    permits ScanEvent,
        WeightEvent,
        LaneEvent,
        CardEvent,
        DoorEvent,
        TemperatureEvent,
        ErrorEvent,
        StatusEvent {
  /** The device that reported it. */
  DeviceId device();

  /** When the SDK received it (by the device's injected clock). */
  Instant at();

  /** True for data events, which flow only while the device is enabled. */
  default boolean isData() {
    return !(this instanceof ErrorEvent) && !(this instanceof StatusEvent);
  }
}
