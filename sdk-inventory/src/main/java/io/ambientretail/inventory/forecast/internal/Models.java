package io.ambientretail.inventory.forecast.internal;

import io.ambientretail.inventory.forecast.ForecastMethod;
import java.util.Arrays;

/**
 * The smoothing models behind {@link ForecastMethod}. Fitting chooses each model's parameters from
 * a small grid by one-step-ahead squared error; all grid points run in the same pass over the
 * history, which keeps the processor busy with independent recurrences instead of waiting on one
 * (several times faster than one pass per grid point).
 *
 * <p>A fitted model is a method plus the index of its grid point ({@link #fit}); {@link #run}
 * replays it over any prefix of the history and writes the forecast. Stateless; safe from any
 * number of threads.
 */
public final class Models {
  /** Observations at the start of a series that are not scored while fitting (state warm-up). */
  static final int WARMUP = 14;

  private static final double[] SES_A = {0.03, 0.08, 0.15, 0.3, 0.5};
  // Holt: additive damped or undamped trend (a, b, phi), then multiplicative trend (a, b, -1).
  private static final double[] HOLT_A;
  private static final double[] HOLT_B;
  private static final double[] HOLT_PHI;
  private static final double[] HW_A;
  private static final double[] HW_G;
  private static final double[] HW_B;
  private static final double[] CR_A = {0.05, 0.15, 0.3};
  private static final double[] TSB_A;
  private static final double[] TSB_B;
  private static final double[] HW_PHI;
  private static final double MIN_LEVEL = 1e-3;

  static {
    double[] ha = {0.05, 0.15, 0.3};
    double[] hb = {0.0005, 0.002, 0.01};
    double[] hp = {1.0};
    double[] mb = {0.0005, 0.002};
    int n = ha.length * hb.length * hp.length + ha.length * mb.length;
    HOLT_A = new double[n];
    HOLT_B = new double[n];
    HOLT_PHI = new double[n];
    int k = 0;
    for (double a : ha) {
      for (double b : hb) {
        for (double p : hp) {
          HOLT_A[k] = a;
          HOLT_B[k] = b;
          HOLT_PHI[k++] = p;
        }
      }
    }
    for (double a : ha) {
      for (double b : mb) {
        HOLT_A[k] = a;
        HOLT_B[k] = b;
        HOLT_PHI[k++] = -1;
      }
    }
    double[] wa = {0.03, 0.1, 0.25};
    double[] wg = {0.04};
    double[] wb = {0.0, 0.001, 0.004};
    double[] wp = {1.0, 0.98, 0.98};
    HW_A = new double[wa.length * wg.length * wb.length];
    HW_G = new double[HW_A.length];
    HW_B = new double[HW_A.length];
    HW_PHI = new double[HW_A.length];
    k = 0;
    for (double a : wa) {
      for (double g : wg) {
        for (int v = 0; v < wb.length; v++) {
          HW_A[k] = a;
          HW_G[k] = g;
          HW_PHI[k] = wp[v];
          HW_B[k++] = wb[v];
        }
      }
    }
    double[] ta = {0.05, 0.2};
    double[] tb = {0.03, 0.1};
    TSB_A = new double[ta.length * tb.length];
    TSB_B = new double[TSB_A.length];
    k = 0;
    for (double a : ta) {
      for (double b : tb) {
        TSB_A[k] = a;
        TSB_B[k++] = b;
      }
    }
  }

  private Models() {}

  /**
   * Fits {@code method} to {@code y[0..n)} and writes the forecast of the next {@code out.length}
   * days into {@code out} (clamped at 0).
   *
   * @return the root mean squared one-step-ahead error of the fitted model, in units
   */
  public static double fitAndForecast(
      ForecastMethod method, double[] y, int n, int season, double[] out) {
    int p = fit(method, y, n, season);
    return rmse(method, run(method, p, y, n, season, out), n);
  }

  /** The root mean squared error from a sum of squared one-step errors over {@code n} days. */
  public static double rmse(ForecastMethod method, double sse, int n) {
    int scored = Math.max(1, method == ForecastMethod.MEAN_28 ? Math.min(n, 28) : n - WARMUP);
    return Math.sqrt(Math.max(0, sse) / scored);
  }

  /**
   * Chooses the grid point of {@code method} for {@code y[0..n)} with a season of {@code season}
   * periods (Holt-Winters); returns its index.
   */
  public static int fit(ForecastMethod method, double[] y, int n, int season) {
    if (n <= WARMUP + 1) {
      return 0;
    }
    double[] sse =
        switch (method) {
          case SES -> sesGrid(y, n);
          case HOLT -> holtGrid(y, n);
          case HOLT_WINTERS -> hwGrid(y, n, season);
          case CROSTON -> crostonGrid(y, n, false);
          case SBA -> crostonGrid(y, n, true);
          case TSB -> tsbGrid(y, n);
          case MEAN_28, ZERO, MEDIAN, DYING_MEDIAN, ADIDA, IMAPA -> new double[1];
        };
    int best = 0;
    for (int i = 1; i < sse.length; i++) {
      if (sse[i] < sse[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Runs {@code method} at grid point {@code p} over {@code y[0..n)}, writes the forecast of the
   * following {@code out.length} days into {@code out} (clamped at 0) and returns the sum of
   * squared one-step errors after the warm-up.
   */
  public static double run(
      ForecastMethod method, int p, double[] y, int n, int season, double[] out) {
    if (n == 0) {
      Arrays.fill(out, 0);
      return 0;
    }
    return switch (method) {
      case SES -> ses(y, n, SES_A[p], out);
      case HOLT ->
          HOLT_PHI[p] < 0
              ? holtMul(y, n, HOLT_A[p], HOLT_B[p], out)
              : holt(y, n, HOLT_A[p], HOLT_B[p], HOLT_PHI[p], out);
      case HOLT_WINTERS -> holtWinters(y, n, HW_A[p], HW_G[p], HW_B[p], HW_PHI[p], season, out);
      case CROSTON -> croston(y, n, CR_A[p], 0, out);
      case SBA -> croston(y, n, CR_A[p], 1, out);
      case TSB -> tsb(y, n, TSB_A[p], TSB_B[p], out);
      case MEAN_28 -> mean28(y, n, out);
      case ZERO -> AggregateModels.zero(y, n, out);
      case MEDIAN -> AggregateModels.median(y, n, out);
      case DYING_MEDIAN -> AggregateModels.dyingMedian(y, n, out);
      case ADIDA -> AggregateModels.adida(y, n, out);
      case IMAPA -> AggregateModels.imapa(y, n, out);
    };
  }

  private static double headMean(double[] y, int n, int k) {
    int m = Math.min(n, k);
    double s = 0;
    for (int t = 0; t < m; t++) {
      s += y[t];
    }
    return s / m;
  }

  // ---- grids: every grid point in one pass ----
  // Each grid runs the warm-up days and the scored days as separate loops, so the inner loop over
  // grid points has no branch and the JIT can keep it tight (or vectorise it).

  private static double[] sesGrid(double[] y, int n) {
    double[] alpha = SES_A;
    int g = alpha.length;
    double[] l = new double[g];
    double[] sse = new double[g];
    Arrays.fill(l, headMean(y, n, WARMUP));
    int warm = Math.min(n, WARMUP);
    for (int t = 0; t < warm; t++) {
      double v = y[t];
      for (int j = 0; j < g; j++) {
        l[j] += alpha[j] * (v - l[j]);
      }
    }
    for (int t = warm; t < n; t++) {
      double v = y[t];
      for (int j = 0; j < g; j++) {
        double e = v - l[j];
        sse[j] += e * e;
        l[j] += alpha[j] * e;
      }
    }
    return sse;
  }

  private static double[] holtGrid(double[] y, int n) {
    double[] alpha = HOLT_A;
    double[] beta = HOLT_B;
    double[] phi = HOLT_PHI;
    int g = alpha.length;
    int additive = 0;
    while (additive < g && phi[additive] >= 0) {
      additive++;
    }
    double[] l = new double[g];
    double[] tr = new double[g];
    double[] sse = new double[g];
    double head = headMean(y, n, WARMUP);
    for (int j = 0; j < g; j++) {
      l[j] = j < additive ? head : Math.max(MIN_LEVEL, head);
      tr[j] = j < additive ? 0 : 1;
    }
    int warm = Math.min(n, WARMUP);
    for (int pass = 0; pass < 2; pass++) {
      int from = pass == 0 ? 0 : warm;
      int to = pass == 0 ? warm : n;
      double score = pass;
      for (int t = from; t < to; t++) {
        double v = y[t];
        for (int j = 0; j < additive; j++) {
          double f = l[j] + phi[j] * tr[j];
          double e = v - f;
          sse[j] += score * e * e;
          l[j] = f + alpha[j] * e;
          tr[j] = phi[j] * tr[j] + beta[j] * e;
        }
        for (int j = additive; j < g; j++) {
          double prev = l[j];
          double f = prev * tr[j];
          double e = v - f;
          sse[j] += score * e * e;
          l[j] = Math.max(MIN_LEVEL, f + alpha[j] * e);
          tr[j] = Math.min(1.2, Math.max(0.8, tr[j] + beta[j] * e / prev));
        }
      }
    }
    return sse;
  }

  private static double[] hwGrid(double[] y, int n, int m) {
    double[] alpha = HW_A;
    double[] gamma = HW_G;
    double[] beta = HW_B;
    double[] phi = HW_PHI;
    int g = alpha.length;
    double[] l = new double[g];
    double[] tr = new double[g];
    // s[k * g + j]: the season of weekday slot k for grid point j, so one day touches a
    // contiguous row.
    double[] s = new double[m * g];
    double[] sse = new double[g];
    double[] s0 = new double[m];
    double l0 = hwInit(y, n, s0);
    Arrays.fill(l, l0);
    for (int k = 0; k < m; k++) {
      Arrays.fill(s, k * g, (k + 1) * g, s0[k]);
    }
    int warm = Math.min(n, WARMUP);
    int k = 0;
    for (int pass = 0; pass < 2; pass++) {
      int from = pass == 0 ? 0 : warm;
      int to = pass == 0 ? warm : n;
      double score = pass;
      for (int t = from; t < to; t++) {
        double v = y[t];
        int row = k * g;
        for (int j = 0; j < g; j++) {
          double base = l[j] + phi[j] * tr[j];
          double e = v - base - s[row + j];
          sse[j] += score * e * e;
          l[j] = base + alpha[j] * e;
          tr[j] = phi[j] * tr[j] + beta[j] * e;
          s[row + j] += gamma[j] * e;
        }
        if (++k == m) {
          k = 0;
        }
      }
    }
    return sse;
  }

  /** Croston and SBA share the recursion; one pass scores both for every alpha. */
  private static double[] crostonGrid(double[] y, int n, boolean sba) {
    double[] alpha = CR_A;
    int g = alpha.length;
    double[] sse = new double[g];
    int first = 0;
    while (first < n && y[first] == 0) {
      first++;
    }
    double[] z = new double[g];
    double[] p = new double[g];
    double[] corr = new double[g];
    for (int j = 0; j < g; j++) {
      z[j] = first < n ? y[first] : 0;
      p[j] = first + 1.0;
      corr[j] = sba ? 1 - alpha[j] / 2 : 1;
    }
    double q = 0;
    for (int t = 0; t < n; t++) {
      double v = y[t];
      if (t >= WARMUP) {
        for (int j = 0; j < g; j++) {
          double e = v - corr[j] * z[j] / p[j];
          sse[j] += e * e;
        }
      }
      q++;
      if (v > 0) {
        if (t > first) {
          for (int j = 0; j < g; j++) {
            z[j] += alpha[j] * (v - z[j]);
            p[j] += alpha[j] * (q - p[j]);
          }
        }
        q = 0;
      }
    }
    return sse;
  }

  private static double[] tsbGrid(double[] y, int n) {
    double[] alpha = TSB_A;
    double[] beta = TSB_B;
    int g = alpha.length;
    double[] init = tsbInit(y, n);
    double[] pr = new double[g];
    double[] z = new double[g];
    double[] sse = new double[g];
    Arrays.fill(pr, init[0]);
    Arrays.fill(z, init[1]);
    for (int t = 0; t < n; t++) {
      double v = y[t];
      double score = t >= WARMUP ? 1 : 0;
      if (v > 0) {
        for (int j = 0; j < g; j++) {
          double e = v - pr[j] * z[j];
          sse[j] += score * e * e;
          pr[j] += beta[j] * (1 - pr[j]);
          z[j] += alpha[j] * (v - z[j]);
        }
      } else {
        for (int j = 0; j < g; j++) {
          double f = pr[j] * z[j];
          sse[j] += score * f * f;
          pr[j] -= beta[j] * pr[j];
        }
      }
    }
    return sse;
  }

  // ---- single runs ----

  static double ses(double[] y, int n, double a, double[] out) {
    double l = headMean(y, n, WARMUP);
    double sse = 0;
    for (int t = 0; t < n; t++) {
      double e = y[t] - l;
      if (t >= WARMUP) {
        sse += e * e;
      }
      l += a * e;
    }
    Arrays.fill(out, Math.max(0, l));
    return sse;
  }

  static double holt(double[] y, int n, double a, double b, double phi, double[] out) {
    double l = headMean(y, n, WARMUP);
    double tr = 0;
    double sse = 0;
    for (int t = 0; t < n; t++) {
      double f = l + phi * tr;
      double e = y[t] - f;
      if (t >= WARMUP) {
        sse += e * e;
      }
      l = f + a * e;
      tr = phi * tr + b * e;
    }
    double damp = 0;
    double pow = 1;
    for (int h = 0; h < out.length; h++) {
      pow *= phi;
      damp += pow;
      out[h] = Math.max(0, l + damp * tr);
    }
    return sse;
  }

  /**
   * Holt with a multiplicative trend (ETS(A,M,N) in error-correction form): follows exponential
   * growth and decay, such as an item being delisted. The daily growth factor stays in 0.8..1.2.
   */
  static double holtMul(double[] y, int n, double a, double b, double[] out) {
    double l = Math.max(MIN_LEVEL, headMean(y, n, WARMUP));
    double r = 1;
    double sse = 0;
    for (int t = 0; t < n; t++) {
      double f = l * r;
      double e = y[t] - f;
      if (t >= WARMUP) {
        sse += e * e;
      }
      double prev = l;
      l = Math.max(MIN_LEVEL, f + a * e);
      r = Math.min(1.2, Math.max(0.8, r + b * e / prev));
    }
    double f = l;
    for (int h = 0; h < out.length; h++) {
      f *= r;
      out[h] = Math.max(0, f);
    }
    return sse;
  }

  /**
   * Initial Holt-Winters state: the weekly profile from the whole series (weekday means less the
   * overall mean; noisy daily sales need many weeks to show it, and a small gamma would take as
   * long to correct a poor start), the level from the first four weeks.
   */
  private static double hwInit(double[] y, int n, double[] s) {
    int m = s.length;
    int full = (n / m) * m;
    if (full == 0) {
      return headMean(y, n, n);
    }
    double total = 0;
    for (int t = 0; t < full; t++) {
      s[t % m] += y[t];
      total += y[t];
    }
    double mean = total / full;
    for (int d = 0; d < m; d++) {
      s[d] = s[d] / (full / m) - mean;
    }
    return headMean(y, n, Math.min(full, Math.max(m, 28 / m * m)));
  }

  static double holtWinters(
      double[] y, int n, double a, double g, double b, double phi, int m, double[] out) {
    double[] s = new double[m];
    double l = hwInit(y, n, s);
    double tr = 0;
    double sse = 0;
    int k = 0;
    for (int t = 0; t < n; t++) {
      double base = l + phi * tr;
      double e = y[t] - base - s[k];
      if (t >= WARMUP) {
        sse += e * e;
      }
      l = base + a * e;
      tr = phi * tr + b * e;
      s[k] += g * e;
      if (++k == m) {
        k = 0;
      }
    }
    double damp = 0;
    double pow = 1;
    for (int h = 0; h < out.length; h++) {
      pow *= phi;
      damp += pow;
      out[h] = Math.max(0, l + damp * tr + s[(n + h) % m]);
    }
    return sse;
  }

  /** Croston ({@code bias == 0}) or SBA ({@code bias == 1}); {@code out} may be null. */
  static double croston(double[] y, int n, double a, double bias, double[] out) {
    int first = 0;
    while (first < n && y[first] == 0) {
      first++;
    }
    double z = first < n ? y[first] : 0;
    double p = first + 1.0;
    double q = 0;
    double corr = 1 - bias * a / 2;
    double sse = 0;
    for (int t = 0; t < n; t++) {
      double f = corr * z / p;
      double e = y[t] - f;
      if (t >= WARMUP) {
        sse += e * e;
      }
      q++;
      if (y[t] > 0) {
        if (t > first) {
          z += a * (y[t] - z);
          p += a * (q - p);
        }
        q = 0;
      }
    }
    if (out != null) {
      Arrays.fill(out, Math.max(0, corr * z / p));
    }
    return sse;
  }

  private static double[] tsbInit(double[] y, int n) {
    int m = Math.min(n, 28);
    int hits = 0;
    double size = 0;
    for (int t = 0; t < m; t++) {
      if (y[t] > 0) {
        hits++;
        size += y[t];
      }
    }
    return new double[] {hits / (double) m, hits > 0 ? size / hits : 1};
  }

  static double tsb(double[] y, int n, double a, double b, double[] out) {
    double[] init = tsbInit(y, n);
    double pr = init[0];
    double z = init[1];
    double sse = 0;
    for (int t = 0; t < n; t++) {
      double e = y[t] - pr * z;
      if (t >= WARMUP) {
        sse += e * e;
      }
      if (y[t] > 0) {
        pr += b * (1 - pr);
        z += a * (y[t] - z);
      } else {
        pr -= b * pr;
      }
    }
    Arrays.fill(out, Math.max(0, pr * z));
    return sse;
  }

  static double mean28(double[] y, int n, double[] out) {
    int m = Math.min(n, 28);
    double s = 0;
    for (int t = n - m; t < n; t++) {
      s += y[t];
    }
    double mean = s / m;
    double sse = 0;
    for (int t = n - m; t < n; t++) {
      sse += (y[t] - mean) * (y[t] - mean);
    }
    Arrays.fill(out, mean);
    return sse;
  }
}
