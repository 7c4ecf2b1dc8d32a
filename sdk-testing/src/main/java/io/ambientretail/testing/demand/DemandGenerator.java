package io.ambientretail.testing.demand;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generates daily demand series whose generating process is known, so a forecaster can be scored
 * against the true expected demand as well as against the realised sales.
 *
 * <p>Each series is a daily expected demand (a rate in units per day) and Poisson-distributed
 * realised sales drawn from it. The processes are the ones a convenience store sees: {@link
 * DemandProcess#WEEKLY_SEASONAL weekly-seasonal} staples, {@link DemandProcess#TRENDING trending}
 * newcomers, {@link DemandProcess#INTERMITTENT intermittent} slow movers and {@link
 * DemandProcess#DYING dying} items on their way out. The same seed always gives the same series.
 *
 * <p>Instances are immutable and thread-safe; {@link #generate} keeps no state between calls.
 *
 * <pre>{@code
 * DemandGenerator gen = DemandGenerator.builder().historyDays(365).horizonDays(28).build();
 * List<GeneratedSeries> series = gen.generate(DemandProcess.WEEKLY_SEASONAL, 100, 42L);
 * }</pre>
 */
public final class DemandGenerator {
  private final int historyDays;
  private final int horizonDays;

  private DemandGenerator(Builder b) {
    this.historyDays = b.historyDays;
    this.horizonDays = b.horizonDays;
  }

  /** A builder with 365 days of history and a 28-day horizon. */
  public static Builder builder() {
    return new Builder();
  }

  /** Days of history in each generated series. */
  public int historyDays() {
    return historyDays;
  }

  /** Days after the history for which realised and expected demand are generated. */
  public int horizonDays() {
    return horizonDays;
  }

  /**
   * Generates {@code count} series of one process from a seed.
   *
   * @throws IllegalArgumentException if count is negative
   */
  public List<GeneratedSeries> generate(DemandProcess process, int count, long seed) {
    Objects.requireNonNull(process, "process");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    SplittableRandom root = new SplittableRandom(seed ^ (process.ordinal() * 0x9E3779B97F4A7C15L));
    List<GeneratedSeries> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(one(process, root.split()));
    }
    return out;
  }

  /** Generates {@code countPerProcess} series of every process, in the order of the enum. */
  public List<GeneratedSeries> generateMix(int countPerProcess, long seed) {
    List<GeneratedSeries> out = new ArrayList<>();
    for (DemandProcess p : DemandProcess.values()) {
      out.addAll(generate(p, countPerProcess, seed));
    }
    return out;
  }

  private GeneratedSeries one(DemandProcess process, SplittableRandom rnd) {
    int n = historyDays + horizonDays;
    double[] rate = new double[n];
    int phase = rnd.nextInt(7);
    switch (process) {
      case WEEKLY_SEASONAL -> {
        double level = 3 + rnd.nextDouble() * 12;
        double amplitude = 0.3 + rnd.nextDouble() * 0.4;
        double[] season = weekProfile(rnd, amplitude);
        for (int t = 0; t < n; t++) {
          rate[t] = level * season[(t + phase) % 7];
        }
      }
      case TRENDING -> {
        double start = 1 + rnd.nextDouble() * 4;
        double end = start * (2.5 + rnd.nextDouble() * 2.5);
        double[] season = weekProfile(rnd, 0.15);
        for (int t = 0; t < n; t++) {
          rate[t] = (start + (end - start) * t / (n - 1.0)) * season[(t + phase) % 7];
        }
      }
      case INTERMITTENT -> {
        double p = 0.05 + rnd.nextDouble() * 0.25;
        double size = 1.5 + rnd.nextDouble() * 3;
        for (int t = 0; t < n; t++) {
          rate[t] = p * size;
        }
        int[] sales = new int[n];
        for (int t = 0; t < n; t++) {
          sales[t] = rnd.nextDouble() < p ? 1 + poisson(rnd, size - 1) : 0;
        }
        return split(process, rate, sales);
      }
      case DYING -> {
        double level = 4 + rnd.nextDouble() * 8;
        int deathStart = historyDays - 60 - rnd.nextInt(120);
        double halfLife = 20 + rnd.nextDouble() * 40;
        for (int t = 0; t < n; t++) {
          double decay = t < deathStart ? 1 : Math.pow(0.5, (t - deathStart) / halfLife);
          rate[t] = level * decay;
        }
      }
      default -> throw new AssertionError(process);
    }
    int[] sales = new int[n];
    for (int t = 0; t < n; t++) {
      sales[t] = poisson(rnd, rate[t]);
    }
    return split(process, rate, sales);
  }

  private GeneratedSeries split(DemandProcess process, double[] rate, int[] sales) {
    int[] history = new int[historyDays];
    int[] future = new int[horizonDays];
    double[] expected = new double[horizonDays];
    System.arraycopy(sales, 0, history, 0, historyDays);
    System.arraycopy(sales, historyDays, future, 0, horizonDays);
    System.arraycopy(rate, historyDays, expected, 0, horizonDays);
    return new GeneratedSeries(process, history, future, expected);
  }

  private static double[] weekProfile(SplittableRandom rnd, double amplitude) {
    double[] s = new double[7];
    double sum = 0;
    for (int d = 0; d < 7; d++) {
      s[d] = Math.max(0.1, 1 + amplitude * (2 * rnd.nextDouble() - 1));
      sum += s[d];
    }
    for (int d = 0; d < 7; d++) {
      s[d] = s[d] * 7 / sum;
    }
    return s;
  }

  /** Knuth's method for small rates, a normal approximation above 30 units a day. */
  private static int poisson(SplittableRandom rnd, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      double u1 = Math.max(rnd.nextDouble(), 1e-300);
      double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rnd.nextDouble());
      return (int) Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
    }
    double limit = Math.exp(-mean);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > limit);
    return k - 1;
  }

  /** Configures a {@link DemandGenerator}; not thread-safe. */
  public static final class Builder {
    private int historyDays = 365;
    private int horizonDays = 28;

    private Builder() {}

    /** Days of history per series; at least 56. */
    public Builder historyDays(int days) {
      this.historyDays = days;
      return this;
    }

    /** Days after the history to generate; at least 1. */
    public Builder horizonDays(int days) {
      this.horizonDays = days;
      return this;
    }

    /**
     * Builds the generator.
     *
     * @throws IllegalArgumentException if history is under 56 days or the horizon under 1 day
     */
    public DemandGenerator build() {
      if (historyDays < 56 || historyDays > 10_000) {
        throw new IllegalArgumentException("historyDays must be 56..10000, was " + historyDays);
      }
      if (horizonDays < 1 || horizonDays > 1_000) {
        throw new IllegalArgumentException("horizonDays must be 1..1000, was " + horizonDays);
      }
      return new DemandGenerator(this);
    }
  }
}
