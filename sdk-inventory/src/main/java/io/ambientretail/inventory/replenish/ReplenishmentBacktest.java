package io.ambientretail.inventory.replenish;

import java.util.Objects;

/**
 * Replays an order-up-to policy over the history of one demand series and measures what it would
 * have achieved: the share of review cycles without a stock-out (cycle service level), the share of
 * demand served from stock (fill rate) and the average stock on hand.
 *
 * <p>The replay reviews every period: the stock arriving that period is received, the policy sets
 * its order-up-to level from the history before the period only, orders the difference to the
 * inventory position (on hand plus on order), which arrives {@code leadPeriods} later, then the
 * period's demand is served from stock on hand; what stock cannot serve is lost (a shopper does not
 * wait for a car part or a sandwich). Stateless and thread-safe.
 */
public final class ReplenishmentBacktest {
  private ReplenishmentBacktest() {}

  /** Sets a level of a review (in units) from the history before it. */
  @FunctionalInterface
  public interface Level {
    /**
     * The level in units for a review at period {@code length} of {@code history}, seeing only
     * {@code history[offset .. offset+length)}.
     */
    long at(int[] history, int offset, int length);
  }

  /**
   * What a replay achieved.
   *
   * @param cycles review cycles replayed
   * @param stockoutCycles cycles in which demand exceeded the stock on hand
   * @param demand units demanded
   * @param served units served from stock
   * @param stockPeriodSum the sum over cycles of the stock on hand at the end of each
   */
  public record Result(
      long cycles, long stockoutCycles, long demand, long served, long stockPeriodSum) {
    /** The share of cycles without a stock-out; 1 for no cycles. */
    public double cycleServiceLevel() {
      return cycles == 0 ? 1 : 1 - stockoutCycles / (double) cycles;
    }

    /** The share of demand served from stock; 1 when nothing was demanded. */
    public double fillRate() {
      return demand == 0 ? 1 : served / (double) demand;
    }

    /** The average stock on hand at the end of a cycle, in units. */
    public double averageStock() {
      return cycles == 0 ? 0 : stockPeriodSum / (double) cycles;
    }

    /** The sum of two results, for totals over many series. */
    public Result plus(Result o) {
      return new Result(
          cycles + o.cycles,
          stockoutCycles + o.stockoutCycles,
          demand + o.demand,
          served + o.served,
          stockPeriodSum + o.stockPeriodSum);
    }
  }

  /**
   * Replays an order-up-to (base-stock) policy: every review orders up to {@code orderUpTo}.
   *
   * @see #replay(int[], int, int, int, int, Level, Level)
   */
  public static Result replay(
      int[] history, int offset, int from, int to, int leadPeriods, Level orderUpTo) {
    return replay(history, offset, from, to, leadPeriods, orderUpTo, orderUpTo);
  }

  /**
   * Replays a min/max policy over periods {@code from} to {@code to} (exclusive) of {@code
   * history[offset ..]}: a review whose inventory position is below {@code min} orders up to {@code
   * max}. The replay starts with stock on hand at the first {@code max} and nothing on order.
   *
   * @param leadPeriods periods from order to arrival, 0 or more
   * @throws IllegalArgumentException if the span is empty or outside the history
   */
  public static Result replay(
      int[] history, int offset, int from, int to, int leadPeriods, Level min, Level max) {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (from < 1 || to <= from || offset + to > history.length || leadPeriods < 0) {
      throw new IllegalArgumentException(
          "need 1 <= from < to <= history and leadPeriods >= 0, got "
              + from
              + ".."
              + to
              + " lead "
              + leadPeriods);
    }
    long[] arriving = new long[to - from + leadPeriods + 1];
    long onHand = Math.max(0, max.at(history, offset, from));
    long onOrder = 0;
    long stockouts = 0;
    long demand = 0;
    long served = 0;
    long stockSum = 0;
    for (int t = from; t < to; t++) {
      int k = t - from;
      onHand += arriving[k];
      onOrder -= arriving[k];
      long position = onHand + onOrder;
      long order =
          position < min.at(history, offset, t)
              ? Math.max(0, max.at(history, offset, t) - position)
              : 0;
      if (order > 0) {
        if (leadPeriods == 0) {
          onHand += order;
        } else {
          arriving[k + leadPeriods] += order;
          onOrder += order;
        }
      }
      long d = history[offset + t];
      long s = Math.min(onHand, d);
      if (d > onHand) {
        stockouts++;
      }
      onHand -= s;
      demand += d;
      served += s;
      stockSum += onHand;
    }
    return new Result(to - from, stockouts, demand, served, stockSum);
  }
}
