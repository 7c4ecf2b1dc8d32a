package io.ambientretail.store.sim;

import io.ambientretail.store.config.StoreConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The physical shelves of the simulated store: units on each lane, and the load-cell weight they
 * produce (unit weight times units, plus sensor noise well under half a unit). The ground truth the
 * store's sensors measure. Thread-safe; callers hold {@link #lock()} across a change and the
 * reading that reports it, so readings reach the store in the order the shelf changed.
 */
public final class SimulatedShelves {
  private final Map<String, StoreConfig.Lane> lanes = new LinkedHashMap<>();
  private final Map<String, Integer> units = new LinkedHashMap<>();
  private final Random noise;

  /** Shelves of the planogram, each lane holding {@code onHand} units. */
  public SimulatedShelves(StoreConfig config, Map<String, Integer> onHand, long seed) {
    for (StoreConfig.Lane l : config.lanes()) {
      lanes.put(l.id(), l);
      units.put(l.id(), Math.max(0, onHand.getOrDefault(l.id(), 0)));
    }
    this.noise = new Random(seed);
  }

  /** The lock to hold across a change and its reading. */
  public Object lock() {
    return this;
  }

  /** Takes one unit; false when the lane is empty. */
  public synchronized boolean take(String laneId) {
    int u = units.get(laneId);
    if (u <= 0) {
      return false;
    }
    units.put(laneId, u - 1);
    return true;
  }

  /** Puts {@code n} units on a lane. */
  public synchronized void put(String laneId, int n) {
    units.merge(laneId, n, Integer::sum);
  }

  /** Units on a lane now. */
  public synchronized int units(String laneId) {
    return units.get(laneId);
  }

  /** The load-cell reading of a lane in milligrams, with noise of at most a tenth of a unit. */
  public synchronized long weightMg(String laneId) {
    long unit = lanes.get(laneId).unitGrams() * 1000L;
    long jitter = (long) ((noise.nextDouble() - 0.5) * unit / 5);
    return Math.max(0, units.get(laneId) * unit + jitter);
  }
}
