package io.ambientretail.devices;

/**
 * Receives a device's events directly, in the order the device produced them, on the device's
 * delivery thread (never the port's I/O thread). Must not block for long.
 */
@FunctionalInterface
public interface DeviceListener {
  /** Called once per event. An exception thrown here is swallowed and does not stop delivery. */
  void onEvent(DeviceEvent event);
}
