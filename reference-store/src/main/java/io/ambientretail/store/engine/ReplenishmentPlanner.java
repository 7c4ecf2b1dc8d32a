package io.ambientretail.store.engine;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.forecast.SalesHistory;
import io.ambientretail.inventory.replenish.PlannedOrder;
import io.ambientretail.inventory.replenish.PolicySettings;
import io.ambientretail.inventory.replenish.PolicyTable;
import io.ambientretail.inventory.replenish.ReplenishMethod;
import io.ambientretail.inventory.replenish.StockPositions;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.db.StockBook;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Suggests restocking orders for the store's lanes with sdk-inventory's {@link
 * io.ambientretail.inventory.replenish.ReplenishmentPlanner}: a min/max {@link PolicyTable} from
 * the store's replenishment defaults, each lane's SKU capped at the lane's capacity, so a lane
 * below the minimum is ordered up to the maximum in whole packs, never beyond capacity. Stateless
 * and thread-safe.
 */
public final class ReplenishmentPlanner {
  /** One suggested order line. */
  public record Suggestion(
      String laneId, String name, int onHand, int qty, String supplier, String reason) {}

  private static final StoreId STORE = StoreId.of("store");

  private final StoreConfig.Replenishment policy;

  /** A planner with the store's default policy. */
  public ReplenishmentPlanner(StoreConfig.Replenishment policy) {
    this.policy = policy;
  }

  /** The policy table of a lane set: the store's defaults, per SKU the lane's capacity. */
  public PolicyTable policies(List<StockBook.LaneStock> lanes) {
    PolicyTable.Builder b =
        PolicyTable.builder()
            .source("store.yaml replenishment")
            .defaults(
                PolicySettings.builder()
                    .method(ReplenishMethod.MINMAX)
                    .min(policy.min())
                    .max(policy.max())
                    .packSize(policy.packSize())
                    .supplier(policy.supplier())
                    .build());
    for (StockBook.LaneStock l : lanes) {
      b.sku(
          SkuId.of(StockBook.skuOf(l.gtin())),
          PolicySettings.builder()
              .max(Math.max(policy.min(), Math.min(policy.max(), l.capacity())))
              .capacity(l.capacity())
              .build());
    }
    return b.build();
  }

  /** The minimum a lane's stock should not fall below under its policy. */
  public int minimum(PolicyTable table, StockBook.LaneStock lane) {
    return table.resolve(STORE, SkuId.of(StockBook.skuOf(lane.gtin()))).min();
  }

  /** Suggestions for the lanes, in lane order. */
  public List<Suggestion> suggest(List<StockBook.LaneStock> lanes) {
    StockPositions.Builder positions = StockPositions.builder();
    Map<String, StockBook.LaneStock> bySku = new HashMap<>();
    for (StockBook.LaneStock l : lanes) {
      if (bySku.putIfAbsent(StockBook.skuOf(l.gtin()), l) == null) {
        positions.add(STORE, SkuId.of(StockBook.skuOf(l.gtin())), Math.max(0, l.onHand()), 0);
      }
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    SalesHistory none =
        SalesHistory.ofDense(today.minusDays(1), 1, new StoreId[0], new SkuId[0], new int[0]);
    List<PlannedOrder> orders =
        io.ambientretail.inventory.replenish.ReplenishmentPlanner.builder()
            .policies(policies(lanes))
            .build()
            .plan(none, positions.build(), today);
    List<Suggestion> out = new ArrayList<>();
    for (PlannedOrder o : orders) {
      StockBook.LaneStock l = bySku.get(o.sku().value());
      out.add(
          new Suggestion(
              l.laneId(),
              l.name(),
              l.onHand(),
              o.quantity(),
              o.supplier() == null ? policy.supplier() : o.supplier(),
              o.reason()));
    }
    return out;
  }
}
