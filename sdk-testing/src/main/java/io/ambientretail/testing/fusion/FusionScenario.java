package io.ambientretail.testing.fusion;

import java.util.Objects;

/**
 * Describes a simulated store day for cart fusion: the mix, how many shoppers, the random seed, and
 * whether shoppers are tracked by position ({@code track}) or only seen near shelves ({@code
 * near}); {@link #generate()} simulates it.
 *
 * <p>The same scenario always generates the same day. Immutable.
 */
public final class FusionScenario {
  private final FusionMix mix;
  private final int shoppers;
  private final long seed;
  private final boolean tracked;
  private final boolean vision;

  private FusionScenario(Builder b) {
    this.mix = b.mix;
    this.shoppers = b.shoppers;
    this.seed = b.seed;
    this.tracked = b.tracked;
    this.vision = b.vision;
  }

  /** A builder: busy mix, 200 shoppers, seed 1, position tracking, vision on. */
  public static Builder builder() {
    return new Builder();
  }

  /** The mix. */
  public FusionMix mix() {
    return mix;
  }

  /** The number of shoppers. */
  public int shoppers() {
    return shoppers;
  }

  /** The random seed. */
  public long seed() {
    return seed;
  }

  /** True for {@code track} positions, false for coarse {@code near} presence. */
  public boolean tracked() {
    return tracked;
  }

  /** True when vision hints are generated. */
  public boolean vision() {
    return vision;
  }

  /** Simulates the day: the event log in time order and the ground truth. */
  public GeneratedDay generate() {
    return new StoreSimulation(this).run();
  }

  /** Builds a {@link FusionScenario}; not thread-safe. */
  public static final class Builder {
    private FusionMix mix = FusionMix.BUSY;
    private int shoppers = 200;
    private long seed = 1;
    private boolean tracked = true;
    private boolean vision = true;

    private Builder() {}

    /** The mix. */
    public Builder mix(FusionMix mix) {
      this.mix = Objects.requireNonNull(mix, "mix");
      return this;
    }

    /** The number of shoppers, 1 to 100,000. */
    public Builder shoppers(int n) {
      this.shoppers = n;
      return this;
    }

    /** The random seed. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Position tracking ({@code true}, the default) or {@code near} presence only. */
    public Builder tracked(boolean tracked) {
      this.tracked = tracked;
      return this;
    }

    /** Whether to generate vision hints (default true). */
    public Builder vision(boolean vision) {
      this.vision = vision;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException if the number of shoppers is out of range
     */
    public FusionScenario build() {
      if (shoppers < 1 || shoppers > 100_000) {
        throw new IllegalArgumentException("shoppers must be 1 to 100000, was " + shoppers);
      }
      return new FusionScenario(this);
    }
  }
}
