package io.ambientretail.store.engine;

import io.ambientretail.store.config.StoreConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where shelves and lanes stand on the store plan, in metres: the coordinates the tracking system
 * reports shoppers in and cart fusion compares them with. Shelves stand in the configuration's
 * order along parallel aisles {@value #AISLE_METRES} m apart; a shelf's lanes side by side, each
 * {@value #LANE_METRES} m wide, the point of a lane being the middle of its front edge. Immutable.
 */
public final class StorePlan {
  /** Distance between two shelves' fronts, metres. */
  public static final double AISLE_METRES = 2.5;

  /** Width of one lane, metres. */
  public static final double LANE_METRES = 0.5;

  /** A point on the plan, metres. */
  public record Point(double x, double y) {}

  private final Map<String, Point> lanes = new LinkedHashMap<>();
  private final Map<String, Point> shelves = new LinkedHashMap<>();
  private final Map<String, String> shelfOfLane = new LinkedHashMap<>();
  private final Point exit;

  private StorePlan(StoreConfig config) {
    List<StoreConfig.Shelf> list = config.shelves();
    for (int s = 0; s < list.size(); s++) {
      StoreConfig.Shelf shelf = list.get(s);
      double y = s * AISLE_METRES;
      List<StoreConfig.Lane> ls = shelf.lanes();
      for (int l = 0; l < ls.size(); l++) {
        lanes.put(ls.get(l).id(), new Point((l + 0.5) * LANE_METRES, y));
        shelfOfLane.put(ls.get(l).id(), shelf.id());
      }
      shelves.put(shelf.id(), new Point(ls.size() * LANE_METRES / 2, y + 0.6));
    }
    this.exit = new Point(-2, list.size() * AISLE_METRES / 2);
  }

  /** The plan of a configured store. */
  public static StorePlan of(StoreConfig config) {
    return new StorePlan(config);
  }

  /** The middle of a lane's front edge. */
  public Optional<Point> lane(String laneId) {
    return Optional.ofNullable(lanes.get(laneId));
  }

  /** Where a shopper browsing a shelf stands: before its middle, a step back. */
  public Optional<Point> shelf(String shelfId) {
    return Optional.ofNullable(shelves.get(shelfId));
  }

  /** The exit. */
  public Point exit() {
    return exit;
  }

  /** The shelf whose front is nearest to a point, if one is within {@code metres}. */
  public Optional<String> shelfNear(double x, double y, double metres) {
    String best = null;
    double bestD = metres;
    for (Map.Entry<String, Point> e : lanes.entrySet()) {
      double d = Math.hypot(e.getValue().x() - x, e.getValue().y() - y);
      if (d <= bestD) {
        bestD = d;
        best = shelfOfLane.get(e.getKey());
      }
    }
    return Optional.ofNullable(best);
  }
}
