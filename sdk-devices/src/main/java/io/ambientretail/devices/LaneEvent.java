package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.LaneId;
import io.ambientretail.core.Weight;
import java.time.Instant;
import java.util.Objects;

/**
 * One calibrated reading of one shelf lane (a load-cell channel of a shelf controller): the input
 * cart fusion uses to see picks and put-backs.
 *
 * @param device the shelf controller
 * @param at when it was received
 * @param lane the lane this channel is mapped to
 * @param channel the controller's channel number (0-based)
 * @param rawCounts the ADC counts the controller sent, or the grams times 1000 for a controller
 *     that reports grams
 * @param weight the calibrated weight on the lane
 * @param controllerMillis the controller's own timestamp in milliseconds (monotonic, wraps)
 * @param controllerGrams true when the controller sent grams (a {@code G} line, calibrated by the
 *     controller), false when it sent counts that the host's lane calibration converted
 */
public record LaneEvent(
    DeviceId device,
    Instant at,
    LaneId lane,
    int channel,
    long rawCounts,
    Weight weight,
    long controllerMillis,
    boolean controllerGrams)
    implements DeviceEvent {
  /** Checks for nulls. */
  public LaneEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(weight, "weight");
  }

  /** A reading converted from counts by the host's calibration ({@code controllerGrams} false). */
  public LaneEvent(
      DeviceId device,
      Instant at,
      LaneId lane,
      int channel,
      long rawCounts,
      Weight weight,
      long controllerMillis) {
    this(device, at, lane, channel, rawCounts, weight, controllerMillis, false);
  }
}
