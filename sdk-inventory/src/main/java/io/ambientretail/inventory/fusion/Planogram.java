package io.ambientretail.inventory.fusion;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.SkuId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's shelves and lanes: which SKU each load-cell lane holds, its unit weight and where it
 * is. A planogram changes over the day by {@link #with(Lane)}, which gives a new planogram.
 *
 * <p>Immutable and thread-safe.
 */
public final class Planogram {
  private static final Planogram EMPTY = new Planogram(Map.of());

  private final Map<LaneId, Lane> lanes;

  private Planogram(Map<LaneId, Lane> lanes) {
    this.lanes = lanes;
  }

  /** The planogram without lanes. */
  public static Planogram empty() {
    return EMPTY;
  }

  /**
   * A planogram of {@code lanes}.
   *
   * @throws IllegalArgumentException if two lanes share an id
   */
  public static Planogram of(Collection<Lane> lanes) {
    Map<LaneId, Lane> map = new LinkedHashMap<>();
    for (Lane lane : lanes) {
      if (map.put(lane.id(), lane) != null) {
        throw new IllegalArgumentException("lane " + lane.id() + " is defined twice");
      }
    }
    return new Planogram(Collections.unmodifiableMap(map));
  }

  /** This planogram with {@code lane} added, or replacing the lane with the same id. */
  public Planogram with(Lane lane) {
    Map<LaneId, Lane> map = new LinkedHashMap<>(lanes);
    map.put(lane.id(), lane);
    return new Planogram(Collections.unmodifiableMap(map));
  }

  /** The lane with {@code id}, if it is in the planogram. */
  public Optional<Lane> lane(LaneId id) {
    return Optional.ofNullable(lanes.get(id));
  }

  /** Every lane, in the order they were defined. */
  public List<Lane> lanes() {
    return List.copyOf(lanes.values());
  }

  /** The lanes of one shelf, in the order they were defined. */
  public List<Lane> shelf(String shelf) {
    List<Lane> out = new ArrayList<>();
    for (Lane l : lanes.values()) {
      if (l.shelf().equals(shelf)) {
        out.add(l);
      }
    }
    return out;
  }

  /** The lanes holding {@code sku}. */
  public List<Lane> lanesOf(SkuId sku) {
    List<Lane> out = new ArrayList<>();
    for (Lane l : lanes.values()) {
      if (l.sku().equals(sku)) {
        out.add(l);
      }
    }
    return out;
  }

  /** The number of lanes. */
  public int size() {
    return lanes.size();
  }

  @Override
  public String toString() {
    return "Planogram" + lanes.keySet();
  }
}
