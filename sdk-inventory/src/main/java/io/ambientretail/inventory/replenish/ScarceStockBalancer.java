package io.ambientretail.inventory.replenish;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Fits a plan's orders to what the distribution centre can ship and, optionally, covers what it
 * cannot ship with transfers between stores.
 *
 * <p>For each SKU whose orders add up to more than {@link DcStock} lists, the orders are cut by
 * {@link FairShareAllocator} (equal days of cover, whole packs, never above the order); an order
 * cut to nothing is dropped. With transfers on, a store left short then takes units from stores of
 * the same SKU that placed no order and hold more than their demand over their lead time plus two
 * review periods ({@link TransferPlanner}, largest surplus first, in whole packs). SKUs the DC
 * covers, or does not list, keep their orders unchanged. Stateless and thread-safe.
 */
public final class ScarceStockBalancer {
  private ScarceStockBalancer() {}

  /** Daily demand of one location, in units per day, for sharing scarce stock. */
  @FunctionalInterface
  public interface DailyDemand {
    /** Forecast units per day that {@code store} sells of {@code sku}; at least 0. */
    double of(StoreId store, SkuId sku);
  }

  /**
   * The balanced plan: the orders to place, the transfers to make, and how many orders the DC's
   * shortage cut or dropped.
   *
   * @param orders the orders, in the input order, some cut
   * @param transfers the transfers between stores
   * @param cut orders whose quantity was reduced (dropped ones included)
   * @param dropped orders cut to nothing and left out
   */
  public record Result(
      List<PlannedOrder> orders, List<PlannedTransfer> transfers, int cut, int dropped) {
    /** Copies the lists. */
    public Result {
      orders = List.copyOf(orders);
      transfers = List.copyOf(transfers);
    }
  }

  /**
   * Balances a plan.
   *
   * @param orders the planner's orders
   * @param stock every location's stock (on hand and on order)
   * @param dc what the DC can ship
   * @param policies the policies (pack sizes, lead times, review periods)
   * @param demand daily demand per location
   * @param transfers whether to plan transfers between stores for what the DC cannot ship
   * @throws IllegalArgumentException if an order names a location missing from {@code stock}
   */
  public static Result balance(
      List<PlannedOrder> orders,
      StockPositions stock,
      DcStock dc,
      PolicyTable policies,
      DailyDemand demand,
      boolean transfers) {
    Objects.requireNonNull(orders, "orders");
    Map<SkuId, List<Integer>> bySku = new LinkedHashMap<>();
    for (int i = 0; i < orders.size(); i++) {
      bySku.computeIfAbsent(orders.get(i).sku(), k -> new ArrayList<>()).add(i);
    }
    PlannedOrder[] out = orders.toArray(new PlannedOrder[0]);
    List<PlannedTransfer> moves = new ArrayList<>();
    int cut = 0;
    for (Map.Entry<SkuId, List<Integer>> e : bySku.entrySet()) {
      SkuId sku = e.getKey();
      OptionalLong avail = dc.available(sku);
      List<Integer> idx = e.getValue();
      long total = 0;
      for (int i : idx) {
        total += out[i].quantity();
      }
      if (avail.isEmpty() || total <= avail.getAsLong()) {
        continue;
      }
      int n = idx.size();
      long[] req = new long[n];
      long[] pos = new long[n];
      double[] daily = new double[n];
      int pack = 1;
      for (int k = 0; k < n; k++) {
        PlannedOrder o = out[idx.get(k)];
        req[k] = o.quantity();
        pos[k] = o.position();
        daily[k] = Math.max(0, demand.of(o.store(), sku));
        pack =
            k == 0
                ? policies.resolve(o.store(), sku).packSize()
                : gcd(pack, policies.resolve(o.store(), sku).packSize());
      }
      long[] got = FairShareAllocator.allocate(avail.getAsLong(), req, pos, daily, pack);
      String share =
          String.format(
              Locale.ROOT, "; DC has %d of the %d units ordered", avail.getAsLong(), total);
      for (int k = 0; k < n; k++) {
        int i = idx.get(k);
        PlannedOrder o = out[i];
        if (got[k] == req[k]) {
          continue;
        }
        cut++;
        out[i] =
            got[k] == 0
                ? null
                : new PlannedOrder(
                    o.store(),
                    sku,
                    (int) got[k],
                    o.supplier(),
                    o.orderDate(),
                    o.arrives(),
                    o.position(),
                    o.reason() + share + ", fair share " + got[k]);
      }
      if (transfers) {
        moves.addAll(transfersFor(sku, idx, orders, req, got, stock, policies, demand));
      }
    }
    List<PlannedOrder> kept = new ArrayList<>();
    for (PlannedOrder o : out) {
      if (o != null) {
        kept.add(o);
      }
    }
    return new Result(kept, moves, cut, orders.size() - kept.size());
  }

  private static List<PlannedTransfer> transfersFor(
      SkuId sku,
      List<Integer> idx,
      List<PlannedOrder> orders,
      long[] req,
      long[] got,
      StockPositions stock,
      PolicyTable policies,
      DailyDemand demand) {
    List<StoreId> stores = new ArrayList<>();
    List<long[]> posNeed = new ArrayList<>();
    Set<StoreId> ordering = new HashSet<>();
    for (int k = 0; k < idx.size(); k++) {
      PlannedOrder o = orders.get(idx.get(k));
      ordering.add(o.store());
      if (got[k] < req[k]) {
        stores.add(o.store());
        posNeed.add(new long[] {o.position() + got[k], o.position() + req[k]});
      }
    }
    if (stores.isEmpty()) {
      return List.of();
    }
    int pack = 1;
    for (int i = 0; i < stock.size(); i++) {
      StoreId s = stock.store(i);
      if (!stock.sku(i).equals(sku) || ordering.contains(s)) {
        continue;
      }
      ReplenishmentPolicy p = policies.resolve(s, sku);
      long position = (long) stock.onHand(i) + stock.onOrder(i);
      long keep =
          (long)
              Math.ceil(Math.max(0, demand.of(s, sku)) * (p.leadTimeDays() + 2.0 * p.reviewDays()));
      if (position - keep > 0) {
        stores.add(s);
        posNeed.add(new long[] {position, keep});
      }
    }
    for (StoreId s : stores) {
      int pk = policies.resolve(s, sku).packSize();
      pack = s == stores.get(0) ? pk : gcd(pack, pk);
    }
    int n = stores.size();
    long[] position = new long[n];
    long[] need = new long[n];
    for (int i = 0; i < n; i++) {
      position[i] = posNeed.get(i)[0];
      need[i] = posNeed.get(i)[1];
    }
    return TransferPlanner.plan(sku, stores.toArray(new StoreId[0]), position, need, pack);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
