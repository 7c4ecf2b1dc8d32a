package io.ambientretail.inventory.replenish.internal;

/**
 * The rounding and limits every method applies to a wanted quantity: up to whole packs, at least
 * the minimum order, never past capacity or what sells before it spoils (then the largest number of
 * whole packs that fits, or nothing if that is below the minimum order).
 */
public final class OrderRules {
  private OrderRules() {}

  /**
   * The quantity to order, or 0.
   *
   * @param wanted units wanted (target - position), may be 0 or less
   * @param position inventory position in units
   * @param pack units per pack, at least 1
   * @param moq minimum order quantity in units
   * @param ceiling the most units position + order may reach (capacity, sellable before expiry)
   */
  public static long quantity(long wanted, long position, int pack, int moq, long ceiling) {
    if (wanted <= 0) {
      return 0;
    }
    long q = ceilTo(wanted, pack);
    if (q < moq) {
      q = ceilTo(moq, pack);
    }
    if (position + q > ceiling) {
      long room = ceiling - position;
      q = room <= 0 ? 0 : (room / pack) * pack;
      if (q < moq || q <= 0) {
        return 0;
      }
    }
    return q;
  }

  private static long ceilTo(long v, int pack) {
    return ((v + pack - 1) / pack) * pack;
  }

  /**
   * The standard normal quantile (inverse CDF) for p in (0, 1), by Acklam's rational approximation
   * (relative error below 1.2e-9).
   */
  public static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1), was " + p);
    }
    final double[] a = {
      -3.969683028665376e+01,
      2.209460984245205e+02,
      -2.759285104469687e+02,
      1.383577518672690e+02,
      -3.066479806614716e+01,
      2.506628277459239e+00
    };
    final double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    final double[] c = {
      -7.784894002430293e-03,
      -3.223964580411365e-01,
      -2.400758277161838e+00,
      -2.549732539343734e+00,
      4.374664141464968e+00,
      2.938163982698783e+00
    };
    final double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -normalQuantile(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
