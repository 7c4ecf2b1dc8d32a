package io.ambientretail.inventory.forecast.internal;

import java.util.Arrays;

/**
 * The forecasts for intermittent and dying demand that are not a single smoothing recursion: the
 * zero forecast, the median of the last periods, ADIDA (exponential smoothing of the series summed
 * over non-overlapping buckets of about one inter-demand interval, spread back over the periods)
 * and iMAPA (the mean of that forecast over every bucket size from 1 to the interval). Each writes
 * a flat forecast and returns the sum of squared differences between the scored history and it.
 * Stateless.
 */
public final class AggregateModels {
  /** Periods the median looks back over. */
  static final int MEDIAN_PERIODS = 12;

  private static final double[] ALPHA = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8};
  private static final int MAX_BUCKET = 12;
  private static final double DYING_ALPHA = 0.1;
  private static final double DYING_BETA = 0.3;

  private AggregateModels() {}

  static double zero(double[] y, int n, double[] out) {
    Arrays.fill(out, 0);
    return flatSse(y, n, 0);
  }

  static double median(double[] y, int n, double[] out) {
    int m = Math.min(n, MEDIAN_PERIODS);
    double[] last = Arrays.copyOfRange(y, n - m, n);
    Arrays.sort(last);
    double med = m % 2 == 1 ? last[m / 2] : (last[m / 2 - 1] + last[m / 2]) / 2;
    Arrays.fill(out, med);
    return flatSse(y, n, med);
  }

  /**
   * The median of the last 12 periods, capped by a TSB forecast (demand probability smoothed with
   * beta 0.3, size with alpha 0.1, both started from the first 12 periods): a median-like level
   * that follows demand down once sales thin out, so that dying items are forecast down.
   */
  static double dyingMedian(double[] y, int n, double[] out) {
    double[] tmp = new double[1];
    median(y, n, tmp);
    double med = tmp[0];
    int m = Math.min(n, MEDIAN_PERIODS);
    int hits = 0;
    double size = 0;
    for (int t = 0; t < m; t++) {
      if (y[t] > 0) {
        hits++;
        size += y[t];
      }
    }
    double p = hits / (double) Math.max(1, m);
    double z = hits > 0 ? size / hits : 1;
    for (int t = 0; t < n; t++) {
      if (y[t] > 0) {
        p += DYING_BETA * (1 - p);
        z += DYING_ALPHA * (y[t] - z);
      } else {
        p -= DYING_BETA * p;
      }
    }
    double f = Math.min(med, p * z);
    Arrays.fill(out, f);
    return flatSse(y, n, f);
  }

  /** The mean interval between demands, in periods (n when nothing sold). */
  public static double meanInterval(double[] y, int n) {
    int hits = 0;
    for (int t = 0; t < n; t++) {
      if (y[t] > 0) {
        hits++;
      }
    }
    return hits == 0 ? n : n / (double) hits;
  }

  static double adida(double[] y, int n, double[] out) {
    int k = bucket(y, n);
    double f = aggregateSes(y, n, k);
    Arrays.fill(out, f);
    return flatSse(y, n, f);
  }

  static double imapa(double[] y, int n, double[] out) {
    int top = Math.max(2, bucket(y, n));
    double sum = 0;
    int used = 0;
    for (int k = 1; k <= top; k++) {
      if (n / k >= 3) {
        sum += aggregateSes(y, n, k);
        used++;
      }
    }
    double f = used == 0 ? 0 : sum / used;
    Arrays.fill(out, f);
    return flatSse(y, n, f);
  }

  private static int bucket(double[] y, int n) {
    int k = (int) Math.round(meanInterval(y, n));
    return Math.max(1, Math.min(Math.min(MAX_BUCKET, n / 3), k));
  }

  /**
   * Sums {@code y[0..n)} into buckets of {@code k} periods aligned on the end (a partial bucket at
   * the start is dropped), smooths them with the alpha of least one-step squared error, and returns
   * the final level per period.
   */
  static double aggregateSes(double[] y, int n, int k) {
    int m = n / k;
    if (m == 0) {
      return 0;
    }
    int from = n - m * k;
    double[] b = new double[m];
    for (int i = 0; i < m; i++) {
      double s = 0;
      for (int t = from + i * k; t < from + (i + 1) * k; t++) {
        s += y[t];
      }
      b[i] = s;
    }
    int warm = Math.min(m, Math.max(1, m / 4));
    double init = 0;
    for (int i = 0; i < warm; i++) {
      init += b[i];
    }
    init /= warm;
    double bestSse = Double.POSITIVE_INFINITY;
    double bestLevel = init;
    for (double a : ALPHA) {
      double l = init;
      double sse = 0;
      for (int i = 0; i < m; i++) {
        double e = b[i] - l;
        if (i >= warm) {
          sse += e * e;
        }
        l += a * e;
      }
      if (sse < bestSse - 1e-12) {
        bestSse = sse;
        bestLevel = l;
      }
    }
    return Math.max(0, bestLevel) / k;
  }

  private static double flatSse(double[] y, int n, double f) {
    double sse = 0;
    for (int t = Math.min(n, Models.WARMUP); t < n; t++) {
      double e = y[t] - f;
      sse += e * e;
    }
    return sse;
  }
}
