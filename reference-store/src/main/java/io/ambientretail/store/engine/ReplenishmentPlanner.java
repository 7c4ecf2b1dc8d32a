package io.ambientretail.store.engine;

import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.db.StockBook;
import java.util.ArrayList;
import java.util.List;

/**
 * Suggests restocking orders: a lane below the policy minimum is ordered up to the maximum, in
 * whole packs, never beyond the lane's capacity. The store's min/max policy until sdk-inventory's
 * replenishment planner is wired. Stateless.
 */
public final class ReplenishmentPlanner {
  /** One suggested order line. */
  public record Suggestion(String laneId, String name, int onHand, int qty, String supplier,
      String reason) {}

  private final StoreConfig.Replenishment policy;

  /** A planner with the store's default policy. */
  public ReplenishmentPlanner(StoreConfig.Replenishment policy) {
    this.policy = policy;
  }

  /** Suggestions for the lanes, in lane order. */
  public List<Suggestion> suggest(List<StockBook.LaneStock> lanes) {
    List<Suggestion> out = new ArrayList<>();
    for (StockBook.LaneStock l : lanes) {
      if (l.onHand() >= policy.min()) {
        continue;
      }
      int pack = policy.packSize();
      int target = Math.min(policy.max(), l.capacity());
      int want = Math.max(0, target - l.onHand());
      int qty = (want + pack - 1) / pack * pack;
      while (qty > 0 && l.onHand() + qty > l.capacity()) {
        qty -= pack;
      }
      if (qty <= 0) {
        qty = Math.max(0, l.capacity() - l.onHand());
      }
      if (qty > 0) {
        out.add(new Suggestion(l.laneId(), l.name(), l.onHand(), qty, policy.supplier(),
            "below minimum " + policy.min() + " (on hand " + l.onHand() + ")"));
      }
    }
    return out;
  }
}
