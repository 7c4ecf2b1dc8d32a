package io.ambientretail.inventory.forecast.internal;

import io.ambientretail.inventory.forecast.ForecastMethod;

/**
 * The smoothing models behind {@link ForecastMethod}: each fits its parameters on a small grid by
 * one-step-ahead squared error and writes a forecast. Stateless; every call works on the arrays it
 * is given, so it is safe from any number of threads.
 */
public final class Models {
  /** Observations at the start of a series that are not scored while fitting (state warm-up). */
  static final int WARMUP = 14;
  /**
   * Trend models are also scored on their forecasts this many days ahead: one-step errors alone
   * hardly see a trend in noisy daily sales, multi-step errors do.
   */
  static final int LONG_STEP = 14;

  private static final double[] SES_ALPHA = {0.03, 0.08, 0.15, 0.3, 0.5};
  private static final double[] HOLT_ALPHA = {0.05, 0.15, 0.3};
  private static final double[] HOLT_BETA = {0.0005, 0.002, 0.01};
  private static final double[] HOLT_PHI = {0.95, 1.0};
  private static final double[] HOLT_MUL_BETA = {0.0005, 0.002};
  private static final double[] HW_ALPHA = {0.03, 0.1, 0.25};
  private static final double[] HW_GAMMA = {0.02, 0.1};
  private static final double[] HW_BETA = {0.0, 0.001, 0.004};
  private static final double[] CROSTON_ALPHA = {0.05, 0.15, 0.3};
  private static final double[] TSB_ALPHA = {0.05, 0.15, 0.3};
  private static final double[] TSB_BETA = {0.02, 0.05, 0.15};

  private Models() {}

  /**
   * Fits {@code method} to {@code y[0..n)} and writes the forecast of the next {@code out.length}
   * days into {@code out} (clamped at 0).
   *
   * @return the root mean squared one-step-ahead error of the fitted model, in units
   */
  public static double fitAndForecast(ForecastMethod method, double[] y, int n, double[] out) {
    if (n == 0 || allZero(y, n)) {
      java.util.Arrays.fill(out, 0);
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    double p1 = 0;
    double p2 = 0;
    double p3 = 0;
    switch (method) {
      case SES -> {
        for (double a : SES_ALPHA) {
          double sse = ses(y, n, a, null);
          if (sse < best) {
            best = sse;
            p1 = a;
          }
        }
        ses(y, n, p1, out);
      }
      case HOLT -> {
        for (double a : HOLT_ALPHA) {
          for (double b : HOLT_BETA) {
            for (double phi : HOLT_PHI) {
              double sse = holt(y, n, a, b, phi, null);
              if (sse < best) {
                best = sse;
                p1 = a;
                p2 = b;
                p3 = phi;
              }
            }
          }
        }
        for (double a : HOLT_ALPHA) {
          for (double b : HOLT_MUL_BETA) {
            double sse = holtMultiplicative(y, n, a, b, null);
            if (sse < best) {
              best = sse;
              p1 = a;
              p2 = b;
              p3 = -1;
            }
          }
        }
        if (p3 < 0) {
          holtMultiplicative(y, n, p1, p2, out);
        } else {
          holt(y, n, p1, p2, p3, out);
        }
      }
      case HOLT_WINTERS -> {
        for (double a : HW_ALPHA) {
          for (double g : HW_GAMMA) {
            for (double b : HW_BETA) {
              double sse = holtWinters(y, n, a, g, b, null);
              if (sse < best) {
                best = sse;
                p1 = a;
                p2 = g;
                p3 = b;
              }
            }
          }
        }
        holtWinters(y, n, p1, p2, p3, out);
      }
      case CROSTON, SBA -> {
        double bias = method == ForecastMethod.SBA ? 1 : 0;
        for (double a : CROSTON_ALPHA) {
          double sse = croston(y, n, a, bias, null);
          if (sse < best) {
            best = sse;
            p1 = a;
          }
        }
        croston(y, n, p1, bias, out);
      }
      case TSB -> {
        for (double a : TSB_ALPHA) {
          for (double b : TSB_BETA) {
            double sse = tsb(y, n, a, b, null);
            if (sse < best) {
              best = sse;
              p1 = a;
              p2 = b;
            }
          }
        }
        tsb(y, n, p1, p2, out);
      }
      case MEAN_28 -> best = mean28(y, n, out);
      default -> throw new AssertionError(method);
    }
    int scored = Math.max(1, method == ForecastMethod.MEAN_28 ? Math.min(n, 28) : n - WARMUP);
    if (method == ForecastMethod.HOLT || method == ForecastMethod.HOLT_WINTERS) {
      scored += Math.max(0, n - Math.max(WARMUP, LONG_STEP));
    }
    return Math.sqrt(best / scored);
  }

  private static boolean allZero(double[] y, int n) {
    for (int t = 0; t < n; t++) {
      if (y[t] != 0) {
        return false;
      }
    }
    return true;
  }

  private static double headMean(double[] y, int n, int k) {
    int m = Math.min(n, k);
    double s = 0;
    for (int t = 0; t < m; t++) {
      s += y[t];
    }
    return s / m;
  }

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
    if (out != null) {
      java.util.Arrays.fill(out, Math.max(0, l));
    }
    return sse;
  }

  static double holt(double[] y, int n, double a, double b, double phi, double[] out) {
    double l = headMean(y, n, WARMUP);
    double tr = 0;
    double sse = 0;
    double[] pastL = new double[LONG_STEP];
    double[] pastT = new double[LONG_STEP];
    double dampLong = damped(phi, LONG_STEP);
    for (int t = 0; t < n; t++) {
      double f = l + phi * tr;
      double e = y[t] - f;
      int slot = t % LONG_STEP;
      if (t >= WARMUP) {
        sse += e * e;
        if (t >= LONG_STEP) {
          double el = y[t] - Math.max(0, pastL[slot] + dampLong * pastT[slot]);
          sse += el * el;
        }
      }
      l = f + a * e;
      tr = phi * tr + b * e;
      pastL[slot] = l;
      pastT[slot] = tr;
    }
    if (out != null) {
      double damp = 0;
      double pow = 1;
      for (int h = 0; h < out.length; h++) {
        pow *= phi;
        damp += pow;
        out[h] = Math.max(0, l + damp * tr);
      }
    }
    return sse;
  }

  /**
   * Holt with a multiplicative trend (ETS(A,M,N) in error-correction form): follows exponential
   * growth and decay, such as an item being delisted. The growth rate is kept within 0.8..1.2 a day.
   */
  static double holtMultiplicative(double[] y, int n, double a, double b, double[] out) {
    double l = Math.max(MIN_LEVEL, headMean(y, n, WARMUP));
    double r = 1;
    double sse = 0;
    double[] pastL = new double[LONG_STEP];
    double[] pastR = new double[LONG_STEP];
    for (int t = 0; t < n; t++) {
      double f = l * r;
      double e = y[t] - f;
      int slot = t % LONG_STEP;
      if (t >= WARMUP) {
        sse += e * e;
        if (t >= LONG_STEP) {
          double el = y[t] - pastL[slot] * Math.pow(pastR[slot], LONG_STEP);
          sse += el * el;
        }
      }
      double prev = l;
      l = Math.max(MIN_LEVEL, f + a * e);
      r = Math.min(1.2, Math.max(0.8, r + b * e / prev));
      pastL[slot] = l;
      pastR[slot] = r;
    }
    if (out != null) {
      double f = l;
      for (int h = 0; h < out.length; h++) {
        f *= r;
        out[h] = Math.max(0, f);
      }
    }
    return sse;
  }

  private static final double MIN_LEVEL = 1e-3;

  private static double damped(double phi, int h) {
    double damp = 0;
    double pow = 1;
    for (int i = 0; i < h; i++) {
      pow *= phi;
      damp += pow;
    }
    return damp;
  }

  static double holtWinters(double[] y, int n, double a, double g, double b, double[] out) {
    double[] s = new double[7];
    int weeks = Math.max(1, Math.min(4, n / 7));
    double l = headMean(y, n, weeks * 7);
    for (int t = 0; t < Math.min(n, weeks * 7); t++) {
      s[t % 7] += (y[t] - l) / weeks;
    }
    double tr = 0;
    double phi = 0.98;
    double sse = 0;
    double[] pastL = new double[LONG_STEP];
    double[] pastT = new double[LONG_STEP];
    double dampLong = damped(phi, LONG_STEP);
    for (int t = 0; t < n; t++) {
      int k = t % 7;
      double base = l + phi * tr;
      double e = y[t] - base - s[k];
      int slot = t % LONG_STEP;
      if (t >= WARMUP) {
        sse += e * e;
        if (t >= LONG_STEP) {
          double el = y[t] - Math.max(0, pastL[slot] + dampLong * pastT[slot] + s[k]);
          sse += el * el;
        }
      }
      l = base + a * e;
      tr = phi * tr + b * e;
      s[k] += g * e;
      pastL[slot] = l;
      pastT[slot] = tr;
    }
    if (out != null) {
      double damp = 0;
      double pow = 1;
      for (int h = 0; h < out.length; h++) {
        pow *= phi;
        damp += pow;
        out[h] = Math.max(0, l + damp * tr + s[(n + h) % 7]);
      }
    }
    return sse;
  }

  /** Croston ({@code bias == 0}) or SBA ({@code bias == 1}). */
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
      java.util.Arrays.fill(out, Math.max(0, corr * z / p));
    }
    return sse;
  }

  static double tsb(double[] y, int n, double a, double b, double[] out) {
    int m = Math.min(n, 28);
    int hits = 0;
    double size = 0;
    for (int t = 0; t < m; t++) {
      if (y[t] > 0) {
        hits++;
        size += y[t];
      }
    }
    double pr = hits / (double) m;
    double z = hits > 0 ? size / hits : 1;
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
    if (out != null) {
      java.util.Arrays.fill(out, Math.max(0, pr * z));
    }
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
    java.util.Arrays.fill(out, mean);
    return sse;
  }
}
