package io.ambientretail.inventory.replenish;

import java.util.Arrays;

/**
 * Shares scarce distribution-centre stock of one SKU among stores by need: every store is filled
 * towards the same days of cover (position / daily demand), so that all run out at about the same
 * time, never beyond what it asked for, in whole packs.
 *
 * <p>When the DC has enough, every store gets its request. Otherwise the common cover level is
 * found by bisection and the leftover packs go to the stores with the lowest cover. Stateless and
 * thread-safe.
 */
public final class FairShareAllocator {
  private FairShareAllocator() {}

  /**
   * Allocates {@code available} units.
   *
   * @param available units the DC can ship, at least 0
   * @param requested units each store asked for (whole packs), each at least 0
   * @param position each store's inventory position in units
   * @param dailyDemand each store's forecast units per day, each at least 0
   * @param pack units per pack, at least 1
   * @return units for each store, whole packs, each at most its request, summing to at most {@code
   *     available}
   * @throws IllegalArgumentException if the arrays differ in length or a value is out of range
   */
  public static long[] allocate(
      long available, long[] requested, long[] position, double[] dailyDemand, int pack) {
    int n = requested.length;
    if (position.length != n || dailyDemand.length != n || pack < 1 || available < 0) {
      throw new IllegalArgumentException("arrays must have one entry per store; pack >= 1");
    }
    long total = 0;
    for (int i = 0; i < n; i++) {
      if (requested[i] < 0 || !(dailyDemand[i] >= 0)) {
        throw new IllegalArgumentException("requests and demand must be >= 0 (store " + i + ")");
      }
      total += requested[i];
    }
    if (total <= available) {
      return requested.clone();
    }
    // Cover may be negative (a store already owes shoppers); start where nobody needs anything.
    double lo = 0;
    for (int i = 0; i < n; i++) {
      if (dailyDemand[i] > 0) {
        lo = Math.min(lo, position[i] / dailyDemand[i] - 1);
      }
    }
    double hi = Math.max(1, lo + 1);
    while (fill(hi, requested, position, dailyDemand) < available && hi < 1e12) {
      hi = hi * 2 + 1;
    }
    for (int it = 0; it < 60; it++) {
      double mid = (lo + hi) / 2;
      if (fill(mid, requested, position, dailyDemand) <= available) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    long[] out = new long[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      double want = need(lo, requested[i], position[i], dailyDemand[i]);
      out[i] = ((long) Math.floor(want) / pack) * pack;
      given += out[i];
    }
    long left = ((available - given) / pack) * pack;
    while (left >= pack) {
      int best = -1;
      double bestCover = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (out[i] + pack <= requested[i]) {
          double cover =
              dailyDemand[i] > 0 ? (position[i] + out[i]) / dailyDemand[i] : Double.MAX_VALUE;
          if (cover < bestCover) {
            bestCover = cover;
            best = i;
          }
        }
      }
      if (best < 0) {
        break;
      }
      out[best] += pack;
      left -= pack;
    }
    return out;
  }

  private static double fill(double cover, long[] req, long[] pos, double[] demand) {
    double s = 0;
    for (int i = 0; i < req.length; i++) {
      s += need(cover, req[i], pos[i], demand[i]);
    }
    return s;
  }

  /** Units store i needs to reach {@code cover} days; a store without demand needs none. */
  private static double need(double cover, long req, long pos, double demand) {
    return demand > 0 ? Math.min(req, Math.max(0, cover * demand - pos)) : 0;
  }

  /** The days of cover each store has after an allocation ({@code +Infinity} without demand). */
  public static double[] coverAfter(long[] allocation, long[] position, double[] dailyDemand) {
    double[] c = new double[allocation.length];
    Arrays.setAll(
        c,
        i ->
            dailyDemand[i] > 0
                ? (position[i] + allocation[i]) / dailyDemand[i]
                : Double.POSITIVE_INFINITY);
    return c;
  }
}
