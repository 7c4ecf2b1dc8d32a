package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import java.time.Instant;
import java.util.Objects;

/**
 * A temperature reading from a fridge or freezer controller's sensor.
 *
 * @param device the device that read it (e.g. a Modbus line's master)
 * @param at when it was received
 * @param sensor the sensor's name as configured (e.g. {@code fridge-1})
 * @param temperature the temperature
 */
public record TemperatureEvent(DeviceId device, Instant at, String sensor, Temperature temperature)
    implements DeviceEvent {
  /** Checks for nulls. */
  public TemperatureEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(temperature, "temperature");
  }
}
