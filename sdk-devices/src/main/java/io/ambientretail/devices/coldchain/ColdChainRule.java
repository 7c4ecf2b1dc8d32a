package io.ambientretail.devices.coldchain;

import io.ambientretail.devices.Temperature;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The cold-chain rule of one zone (a fridge or freezer compartment), as food codes put it for
 * unattended food: above {@code limit} for longer than {@code allowance} is a breach, except for a
 * warm spell that began within {@code restockWindow} after a restock door-open, which gets {@code
 * restockAllowance}; a sensor silent for {@code sensorSilence} counts as a breach too (nobody can
 * say the food is cold). On a breach the zone's door is locked or its SKUs are marked unsellable
 * ({@link Action}).
 *
 * <pre>{@code
 * new ColdChainRule("fridge-1", List.of("fridge-1"), Temperature.ofCelsius(5),
 *     Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(15),
 *     Duration.ofMinutes(5), Action.LOCK_DOOR, List.of("04006381333931"));
 * }</pre>
 *
 * @param zone the zone's id
 * @param sensors the sensor names whose readings belong to the zone (the warmest counts)
 * @param limit the highest temperature allowed (5 °C / 41 °F for chilled food in many codes)
 * @param allowance how long the zone may be above the limit
 * @param restockAllowance the longer allowance right after a restock door-open
 * @param restockWindow how soon after a restock door-open a warm spell must begin to get the longer
 *     allowance
 * @param sensorSilence how long without any reading counts as a breach
 * @param action what a breach does
 * @param skus the SKUs (GTINs) kept in the zone
 */
public record ColdChainRule(
    String zone,
    List<String> sensors,
    Temperature limit,
    Duration allowance,
    Duration restockAllowance,
    Duration restockWindow,
    Duration sensorSilence,
    Action action,
    List<String> skus) {
  /** What a breach does to the zone. */
  public enum Action {
    /** Lock the zone's door until staff unlock it with a disposition. */
    LOCK_DOOR,
    /** Keep the door as it is, but mark the zone's SKUs unsellable until staff decide. */
    MARK_UNSELLABLE
  }

  /** Checks the values. */
  public ColdChainRule {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(action, "action");
    sensors = List.copyOf(sensors);
    skus = List.copyOf(skus);
    if (zone.isBlank() || sensors.isEmpty()) {
      throw new IllegalArgumentException("a zone needs an id and at least one sensor");
    }
    for (Duration d : List.of(allowance, restockAllowance, restockWindow, sensorSilence)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(zone + ": durations must be positive, was " + d);
      }
    }
    if (restockAllowance.compareTo(allowance) < 0) {
      throw new IllegalArgumentException(
          zone + ": the restock allowance must be at least the allowance");
    }
  }
}
