package io.ambientretail.inventory.fusion;

import java.util.Objects;

/**
 * Settings of {@link CartFusion}: the attribution policy, the review threshold and the time
 * windows. {@link #defaults()} suits shelves read 10 to 50 times a second and tracking several
 * times a second. Immutable.
 */
public final class FusionConfig {
  private static final double REVIEW_BELOW = 0.8;
  private static final double REVIEW_LINE_ABOVE = 0.1;
  private static final FusionConfig DEFAULTS = builder().build();

  private final Attribution attribution;
  private final double reviewBelow;
  private final double reviewLineAbove;
  private final long revisionMillis;
  private final long stableWindowMillis;
  private final double minChangeGrams;
  private final double trackNoiseMetres;
  private final int maxUnitsPerChange;

  private FusionConfig(Builder b) {
    this.attribution = b.attribution;
    this.reviewBelow = b.reviewBelow;
    this.reviewLineAbove = b.reviewLineAbove;
    this.revisionMillis = b.revisionMillis;
    this.stableWindowMillis = b.stableWindowMillis;
    this.minChangeGrams = b.minChangeGrams;
    this.trackNoiseMetres = b.trackNoiseMetres;
    this.maxUnitsPerChange = b.maxUnitsPerChange;
  }

  /**
   * The defaults: evidence attribution, review below 0.8 confidence or with one line in doubt at
   * 0.1 or more, 4 s revision window.
   */
  public static FusionConfig defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The attribution policy. */
  public Attribution attribution() {
    return attribution;
  }

  /**
   * A receipt whose confidence (the probability that it is exactly right) is below this is flagged
   * for review, however small each of its doubts.
   */
  public double reviewBelow() {
    return reviewBelow;
  }

  /**
   * A receipt with one line in doubt at least this much (the probability that one change leaves the
   * shopper with other items) is flagged for review, with that line as the reason.
   */
  public double reviewLineAbove() {
    return reviewLineAbove;
  }

  /**
   * How long after a change settles later evidence (vision, scans, positions) may still move it,
   * milliseconds; carts are updated at once and again if the evidence changes the decision.
   */
  public long revisionMillis() {
    return revisionMillis;
  }

  /** The window over which a lane's readings must be steady to settle, milliseconds. */
  public long stableWindowMillis() {
    return stableWindowMillis;
  }

  /** The smallest weight change reported, grams (raised automatically on noisy cells). */
  public double minChangeGrams() {
    return minChangeGrams;
  }

  /** The tracking system's typical position noise, metres. */
  public double trackNoiseMetres() {
    return trackNoiseMetres;
  }

  /** The most units one weight change is read as. */
  public int maxUnitsPerChange() {
    return maxUnitsPerChange;
  }

  /** Builds {@link FusionConfig}; not thread-safe. */
  public static final class Builder {
    private Attribution attribution = Attribution.EVIDENCE;
    private double reviewBelow = REVIEW_BELOW;
    private double reviewLineAbove = REVIEW_LINE_ABOVE;
    private long revisionMillis = 4000;
    private long stableWindowMillis = 500;
    private double minChangeGrams = 5;
    private double trackNoiseMetres = 0.15;
    private int maxUnitsPerChange = 6;

    private Builder() {}

    /** The attribution policy. */
    public Builder attribution(Attribution a) {
      this.attribution = Objects.requireNonNull(a, "attribution");
      return this;
    }

    /** Flag receipts whose confidence is below {@code c}, in [0, 1]. */
    public Builder reviewBelow(double c) {
      this.reviewBelow = c;
      return this;
    }

    /** The doubt of one line that holds a receipt for review, in (0, 1]. */
    public Builder reviewLineAbove(double p) {
      this.reviewLineAbove = p;
      return this;
    }

    /** The revision window, 0 to 60,000 ms. */
    public Builder revisionMillis(long ms) {
      this.revisionMillis = ms;
      return this;
    }

    /** The stability window, 100 to 5,000 ms. */
    public Builder stableWindowMillis(long ms) {
      this.stableWindowMillis = ms;
      return this;
    }

    /** The smallest change reported, 0.5 to 1,000 grams. */
    public Builder minChangeGrams(double g) {
      this.minChangeGrams = g;
      return this;
    }

    /** The tracking noise, 0.01 to 2 metres. */
    public Builder trackNoiseMetres(double m) {
      this.trackNoiseMetres = m;
      return this;
    }

    /** The most units one change is read as, 1 to 50. */
    public Builder maxUnitsPerChange(int n) {
      this.maxUnitsPerChange = n;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public FusionConfig build() {
      if (!(reviewLineAbove > 0 && reviewLineAbove <= 1)) {
        throw new IllegalArgumentException("reviewLineAbove must be in (0, 1]");
      }
      if (!(reviewBelow >= 0 && reviewBelow <= 1)) {
        throw new IllegalArgumentException("reviewBelow must be in [0, 1]");
      }
      if (revisionMillis < 0 || revisionMillis > 60_000) {
        throw new IllegalArgumentException("revisionMillis must be 0 to 60000");
      }
      if (stableWindowMillis < 100 || stableWindowMillis > 5_000) {
        throw new IllegalArgumentException("stableWindowMillis must be 100 to 5000");
      }
      if (!(minChangeGrams >= 0.5 && minChangeGrams <= 1000)) {
        throw new IllegalArgumentException("minChangeGrams must be 0.5 to 1000");
      }
      if (!(trackNoiseMetres >= 0.01 && trackNoiseMetres <= 2)) {
        throw new IllegalArgumentException("trackNoiseMetres must be 0.01 to 2");
      }
      if (maxUnitsPerChange < 1 || maxUnitsPerChange > 50) {
        throw new IllegalArgumentException("maxUnitsPerChange must be 1 to 50");
      }
      return new FusionConfig(this);
    }
  }
}
