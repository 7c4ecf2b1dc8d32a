package io.ambientretail.store.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns lane weight readings (milligrams, from shelf load cells at their sampling rate) into unit
 * changes: a lane's change is its weight step divided by the unit weight, rounded, once the step is
 * larger than half a unit. Keeps each lane's last settled weight and count, and the count the store
 * has finished acting on ({@link #published}), which {@link #awaitPublished} waits for.
 * Thread-safe.
 */
public final class ShelfMonitor {
  /** A change of whole units on a lane (negative: taken; positive: put back). */
  public record UnitChange(String laneId, int units, long weightStepMg) {}

  private final Map<String, Long> unitMg = new HashMap<>();
  private final Map<String, Long> settledMg = new HashMap<>();
  private final Map<String, Integer> published = new HashMap<>();

  /** Declares a lane with its unit weight and current weight. */
  public synchronized void lane(String laneId, long unitWeightMg, long currentMg) {
    unitMg.put(laneId, unitWeightMg);
    settledMg.put(laneId, currentMg);
    published.put(laneId, units(laneId));
  }

  /** A reading; returns the unit change when the weight moved by at least half a unit. */
  public synchronized Optional<UnitChange> reading(String laneId, long weightMg) {
    Long unit = unitMg.get(laneId);
    Long settled = settledMg.get(laneId);
    if (unit == null || settled == null) {
      return Optional.empty();
    }
    long step = weightMg - settled;
    int units = (int) Math.round((double) step / unit);
    if (units == 0) {
      return Optional.empty();
    }
    settledMg.put(laneId, settled + units * unit);
    return Optional.of(new UnitChange(laneId, units, units * unit));
  }

  /** Expects {@code units} more (or fewer) on a lane: staff filled or emptied it. */
  public synchronized void adjust(String laneId, int units) {
    Long unit = unitMg.get(laneId);
    if (unit != null) {
      settledMg.merge(laneId, units * unit, Long::sum);
      publish(laneId);
    }
  }

  /**
   * Marks the lane's settled count as acted on (its picks are in the carts) and wakes those waiting
   * for it.
   */
  public synchronized void publish(String laneId) {
    if (unitMg.containsKey(laneId)) {
      published.put(laneId, units(laneId));
      notifyAll();
    }
  }

  /** The lane's count the store has finished acting on. */
  public synchronized int published(String laneId) {
    return published.getOrDefault(laneId, 0);
  }

  /**
   * Waits until the store has acted on the lane showing {@code units} whole units, at most {@code
   * timeoutMs}.
   *
   * @return true when it has; false on timeout or interruption (the flag is kept)
   */
  public synchronized boolean awaitPublished(String laneId, int units, long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (published.getOrDefault(laneId, Integer.MIN_VALUE) != units) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The whole units the shelf shows on a lane now. */
  public synchronized int units(String laneId) {
    Long unit = unitMg.get(laneId);
    Long settled = settledMg.get(laneId);
    return unit == null || settled == null ? 0 : (int) Math.round((double) settled / unit);
  }

  /** The settled weight of a lane in milligrams (whole units), 0 for an unknown lane. */
  public synchronized long settledMg(String laneId) {
    return settledMg.getOrDefault(laneId, 0L);
  }

  /** Lane ids known. */
  public synchronized java.util.Set<String> lanes() {
    return java.util.Set.copyOf(unitMg.keySet());
  }
}
