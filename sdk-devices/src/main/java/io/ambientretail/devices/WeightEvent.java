package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Weight;
import java.time.Instant;
import java.util.Objects;

/**
 * A weight reported by a scale: exact integer milligrams (converted without floating point from
 * what the scale sent), whether the scale called it stable, and the unit the scale sent it in.
 *
 * @param device the scale
 * @param at when it was received
 * @param weight the net weight in milligrams
 * @param stable true when the scale reported a stable weight
 * @param unit the unit text the scale used, e.g. {@code "g"}, {@code "kg"}, {@code "lb"}
 */
public record WeightEvent(DeviceId device, Instant at, Weight weight, boolean stable, String unit)
    implements DeviceEvent {
  /** Checks for nulls. */
  public WeightEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(unit, "unit");
  }
}
