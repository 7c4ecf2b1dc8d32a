package io.ambientretail.inventory.fusion;

/**
 * Bounds that the replay and receipt readers enforce on untrusted input, so a hostile file ends in
 * a {@link ReplayFormatException} rather than an {@link OutOfMemoryError}.
 *
 * <p>Defaults: lines of at most 65,536 characters, nesting depth 8, 64 vision candidates per line,
 * 10,000 lanes, 100,000 distinct shoppers, 100,000 distinct SKUs in lane lines, 1,000 receipt lines
 * per receipt. Immutable.
 *
 * <p>Memory: what a replay keeps grows with these bounds, not with the length of the file. A replay
 * keeps a few hundred bytes per distinct shopper for the whole file (to count them against {@link
 * #maxShoppers()}) plus the state of the shoppers in the store, which fusion forgets a minute after
 * they leave; receipts can be taken one by one as shoppers leave ({@link FusionReplay#stream}), so
 * 100,000 shoppers replay in a heap of 256 MB.
 */
public final class ReplayLimits {
  private static final ReplayLimits DEFAULTS = builder().build();

  private final int maxLineChars;
  private final int maxDepth;
  private final int maxCandidates;
  private final int maxLanes;
  private final int maxShoppers;
  private final int maxSkus;
  private final int maxReceiptLines;

  private ReplayLimits(Builder b) {
    this.maxLineChars = b.maxLineChars;
    this.maxDepth = b.maxDepth;
    this.maxCandidates = b.maxCandidates;
    this.maxLanes = b.maxLanes;
    this.maxShoppers = b.maxShoppers;
    this.maxSkus = b.maxSkus;
    this.maxReceiptLines = b.maxReceiptLines;
  }

  /** The documented defaults. */
  public static ReplayLimits defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The longest line accepted, in characters. */
  public int maxLineChars() {
    return maxLineChars;
  }

  /** The deepest nesting of JSON objects and arrays accepted. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The most vision candidates accepted on one line. */
  public int maxCandidates() {
    return maxCandidates;
  }

  /** The most distinct lanes accepted in one file. */
  public int maxLanes() {
    return maxLanes;
  }

  /** The most distinct shoppers accepted in one file. */
  public int maxShoppers() {
    return maxShoppers;
  }

  /** The most distinct SKUs accepted in the lane lines of one file. */
  public int maxSkus() {
    return maxSkus;
  }

  /** The most item lines accepted in one receipt. */
  public int maxReceiptLines() {
    return maxReceiptLines;
  }

  /** Builds {@link ReplayLimits}; not thread-safe. */
  public static final class Builder {
    private int maxLineChars = 65_536;
    private int maxDepth = 8;
    private int maxCandidates = 64;
    private int maxLanes = 10_000;
    private int maxShoppers = 100_000;
    private int maxSkus = 100_000;
    private int maxReceiptLines = 1_000;

    private Builder() {}

    /** The longest line accepted, 64 to 16,777,216 characters. */
    public Builder maxLineChars(int n) {
      this.maxLineChars = n;
      return this;
    }

    /** The deepest nesting accepted, 3 to 64. */
    public Builder maxDepth(int n) {
      this.maxDepth = n;
      return this;
    }

    /** The most vision candidates on one line, 1 or more. */
    public Builder maxCandidates(int n) {
      this.maxCandidates = n;
      return this;
    }

    /** The most distinct lanes, 1 or more. */
    public Builder maxLanes(int n) {
      this.maxLanes = n;
      return this;
    }

    /** The most distinct shoppers, 1 or more. */
    public Builder maxShoppers(int n) {
      this.maxShoppers = n;
      return this;
    }

    /** The most distinct SKUs in lane lines, 1 or more. */
    public Builder maxSkus(int n) {
      this.maxSkus = n;
      return this;
    }

    /** The most item lines in one receipt, 1 or more. */
    public Builder maxReceiptLines(int n) {
      this.maxReceiptLines = n;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the first limit out of range
     */
    public ReplayLimits build() {
      if (maxLineChars < 64 || maxLineChars > (1 << 24)) {
        throw new IllegalArgumentException("maxLineChars must be 64 to 16777216");
      }
      if (maxDepth < 3 || maxDepth > 64) {
        throw new IllegalArgumentException("maxDepth must be 3 to 64");
      }
      if (maxCandidates < 1
          || maxLanes < 1
          || maxShoppers < 1
          || maxSkus < 1
          || maxReceiptLines < 1) {
        throw new IllegalArgumentException(
            "maxCandidates, maxLanes, maxShoppers, maxSkus and maxReceiptLines must be at least 1");
      }
      return new ReplayLimits(this);
    }
  }
}
