package io.ambientretail.inventory.replenish;

import java.util.Arrays;
import java.util.Objects;

/**
 * Quantiles of the demand over a protection interval (lead time plus review period), taken from the
 * history itself: the sums of every run of that many consecutive periods in the recent history, an
 * empirical distribution that keeps what a normal approximation loses on intermittent demand (most
 * intervals sell nothing, a few sell a lot). A reorder point set at the {@code p} quantile is then
 * not exceeded in a fraction {@code p} of the intervals the history holds.
 *
 * <p>Stateless and thread-safe.
 */
public final class LeadTimeDemand {
  /** Periods of recent history the distribution is drawn from by default: two years of months. */
  public static final int DEFAULT_WINDOW = 24;

  private LeadTimeDemand() {}

  /**
   * The {@code p} quantile (the smallest value {@code v} with at least a share {@code p} of the
   * interval sums at or below it) of the demand over {@code periods} consecutive periods, from the
   * last {@code window} periods of {@code history[offset .. offset+length)}.
   *
   * @param periods the protection interval in periods, at least 1
   * @param p the service probability, in (0, 1)
   * @param window how many of the most recent periods to draw from, at least {@code periods}
   * @return the quantile in units; 0 for an empty history
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static long quantile(
      int[] history, int offset, int length, int periods, double p, int window) {
    Objects.checkFromIndexSize(offset, length, history.length);
    if (periods < 1 || !(p > 0 && p < 1) || window < periods) {
      throw new IllegalArgumentException(
          "need periods >= 1, 0 < p < 1 and window >= periods; got "
              + periods
              + ", "
              + p
              + ", "
              + window);
    }
    int from = offset + Math.max(0, length - window);
    int end = offset + length;
    if (end - from < periods) {
      // Too short for one whole interval: scale the sum of what there is.
      long s = 0;
      for (int t = from; t < end; t++) {
        s += history[t];
      }
      return end == from ? 0 : (long) Math.ceil(s * (double) periods / (end - from));
    }
    int n = end - from - periods + 1;
    long[] sums = new long[n];
    long run = 0;
    for (int t = from; t < from + periods; t++) {
      run += history[t];
    }
    sums[0] = run;
    for (int k = 1; k < n; k++) {
      run += history[from + periods - 1 + k] - history[from + k - 1];
      sums[k] = run;
    }
    Arrays.sort(sums);
    int idx = (int) Math.ceil(p * n) - 1;
    return sums[Math.max(0, Math.min(n - 1, idx))];
  }
}
