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
 *
 * <p>With {@link #attach(Sensors) sensors} attached (the simulated shelf controllers of
 * sdk-devices), every change is put on the lane's load cell, and {@link #weightMg} returns only
 * once the store has acted on the reading the controller sent (or after 2 s), so the direct reading
 * a caller then reports changes nothing: the devices, not the caller, told the store.
 */
public final class SimulatedShelves {
  private final Map<String, StoreConfig.Lane> lanes = new LinkedHashMap<>();
  private final Map<String, Integer> units = new LinkedHashMap<>();
  private final Random noise;
  private volatile Sensors sensors;

  /** The load cells of the simulated shelves, as the store's devices see them. */
  public interface Sensors {
    /** The lane now weighs {@code mg} milligrams. */
    void load(String laneId, long mg);

    /** Waits until the store has acted on the lane showing {@code units}; false on timeout. */
    boolean awaitSeen(String laneId, int units, long timeoutMs);
  }

  /** Shelves of the planogram, each lane holding {@code onHand} units. */
  public SimulatedShelves(StoreConfig config, Map<String, Integer> onHand, long seed) {
    for (StoreConfig.Lane l : config.lanes()) {
      lanes.put(l.id(), l);
      units.put(l.id(), Math.max(0, onHand.getOrDefault(l.id(), 0)));
    }
    this.noise = new Random(seed);
  }

  /**
   * Whether sensors are attached: shelf controllers stream every lane's weight to the store, so a
   * caller must not report readings of its own (cart fusion would see two load cells disagree).
   */
  public boolean streamed() {
    return sensors != null;
  }

  /** Puts the shelves on sensors: every lane's load now, and every change from now on. */
  public synchronized void attach(Sensors s) {
    this.sensors = s;
    for (String lane : lanes.keySet()) {
      s.load(lane, units.get(lane) * lanes.get(lane).unitGrams() * 1000L);
    }
  }

  /** The weight on each lane now, in milligrams, without noise. */
  public synchronized Map<String, Long> loadsMg() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String lane : lanes.keySet()) {
      out.put(lane, units.get(lane) * lanes.get(lane).unitGrams() * 1000L);
    }
    return out;
  }

  private void changed(String laneId) {
    Sensors s = sensors;
    if (s != null) {
      long unit = lanes.get(laneId).unitGrams() * 1000L;
      long jitter = (long) ((noise.nextDouble() - 0.5) * unit / 5);
      s.load(laneId, Math.max(0, units.get(laneId) * unit + jitter));
    }
  }

  /**
   * The lock to hold across a reach, a change and its reading. With sensors attached the holder
   * waits (in {@link #weightMg}) until the store has acted on the shelf controller's reading, so
   * the reach the store attributes the change to is the holder's.
   */
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
    changed(laneId);
    return true;
  }

  /** Puts {@code n} units on a lane. */
  public synchronized void put(String laneId, int n) {
    units.merge(laneId, n, Integer::sum);
    changed(laneId);
  }

  /** Units on a lane now. */
  public synchronized int units(String laneId) {
    return units.get(laneId);
  }

  /**
   * The load-cell reading of a lane in milligrams, with noise of at most a tenth of a unit; with
   * sensors attached, once the store has seen the lane's current count (at most 2 s).
   */
  public long weightMg(String laneId) {
    Sensors s = sensors;
    if (s != null) {
      // another shopper may move the lane meanwhile: wait for whatever the lane shows now
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < deadline && !s.awaitSeen(laneId, units(laneId), 25)) {
        // the next slice re-reads the lane
      }
    }
    return reading(laneId);
  }

  private synchronized long reading(String laneId) {
    long unit = lanes.get(laneId).unitGrams() * 1000L;
    long jitter = (long) ((noise.nextDouble() - 0.5) * unit / 5);
    return Math.max(0, units.get(laneId) * unit + jitter);
  }
}
