package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import java.util.ArrayList;
import java.util.List;

/**
 * Proposes transfers of one SKU between stores: a store whose position is below what it needs takes
 * units from stores holding more than they need, largest surplus first, in whole packs.
 *
 * <p>"Need" is the caller's order-up-to level (for example the reorder point plus a review period
 * of demand); a giver keeps at least its own need. Stateless and thread-safe.
 */
public final class TransferPlanner {
  private TransferPlanner() {}

  /**
   * Plans transfers among the given stores.
   *
   * @param sku the SKU
   * @param stores the stores
   * @param position each store's inventory position in units
   * @param need each store's target level in units
   * @param pack units per pack moved, at least 1
   * @throws IllegalArgumentException if the arrays differ in length or pack is below 1
   */
  public static List<PlannedTransfer> plan(
      SkuId sku, StoreId[] stores, long[] position, long[] need, int pack) {
    int n = stores.length;
    if (position.length != n || need.length != n || pack < 1) {
      throw new IllegalArgumentException("arrays must have one entry per store; pack >= 1");
    }
    long[] surplus = new long[n];
    long[] deficit = new long[n];
    for (int i = 0; i < n; i++) {
      surplus[i] = ((Math.max(0, position[i] - need[i])) / pack) * pack;
      deficit[i] = Math.max(0, need[i] - position[i]);
    }
    List<PlannedTransfer> out = new ArrayList<>();
    for (int to = 0; to < n; to++) {
      while (deficit[to] > 0) {
        int from = -1;
        for (int i = 0; i < n; i++) {
          if (surplus[i] >= pack && (from < 0 || surplus[i] > surplus[from])) {
            from = i;
          }
        }
        if (from < 0) {
          break;
        }
        long q = Math.min(surplus[from], ((deficit[to] + pack - 1) / pack) * pack);
        surplus[from] -= q;
        deficit[to] -= Math.min(q, deficit[to]);
        out.add(
            new PlannedTransfer(
                stores[from],
                stores[to],
                sku,
                (int) q,
                "store "
                    + stores[from]
                    + " holds "
                    + (position[from] - need[from])
                    + " over its need; "
                    + stores[to]
                    + " is "
                    + (need[to] - position[to])
                    + " short"));
      }
    }
    return out;
  }
}
