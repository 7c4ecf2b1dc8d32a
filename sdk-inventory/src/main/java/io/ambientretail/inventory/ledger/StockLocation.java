package io.ambientretail.inventory.ledger;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.StoreId;
import java.util.Objects;

/**
 * A place stock is held: a store (or DC) and a location within it, such as shelf lane {@code L-03}
 * or the back room.
 *
 * @param store the store, or the DC's id for a {@link LocationKind#DC}
 * @param kind the kind of location
 * @param name the lane id for a lane, {@code "backroom"} or {@code "dc"} otherwise
 */
public record StockLocation(StoreId store, LocationKind kind, String name) {
  /** Checks the values. */
  public StockLocation {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(kind, "kind");
    if (name.isEmpty() || name.length() > 64) {
      throw new IllegalArgumentException("location name must be 1..64 characters");
    }
  }

  /** A shelf lane of a store. */
  public static StockLocation lane(StoreId store, LaneId lane) {
    return new StockLocation(store, LocationKind.SHELF_LANE, lane.value());
  }

  /** The back room of a store. */
  public static StockLocation backroom(StoreId store) {
    return new StockLocation(store, LocationKind.BACKROOM, "backroom");
  }

  /** A distribution centre. */
  public static StockLocation dc(StoreId dc) {
    return new StockLocation(dc, LocationKind.DC, "dc");
  }

  @Override
  public String toString() {
    return store + "/" + name;
  }
}
