package io.ambientretail.payments.tlv;

/**
 * Bounds a {@link TlvReader} enforces on untrusted input, in the manner of Jackson's {@code
 * StreamReadConstraints}: inputs beyond them fail with a {@link TlvException} instead of exhausting
 * memory or the stack.
 *
 * <p>Defaults ({@link #defaults()}): nesting depth 8 (EMV responses nest at most 4 deep), value
 * length 65,535 bytes (an extended-length APDU), 4,096 objects per input, 65,542 input bytes.
 * Immutable and thread-safe.
 */
public final class TlvLimits {
  private static final TlvLimits DEFAULTS = builder().build();

  private final int maxDepth;
  private final int maxValueLength;
  private final int maxObjects;
  private final int maxInputLength;

  private TlvLimits(Builder b) {
    this.maxDepth = b.maxDepth;
    this.maxValueLength = b.maxValueLength;
    this.maxObjects = b.maxObjects;
    this.maxInputLength = b.maxInputLength;
  }

  /** The documented defaults: depth 8, value length 65,535, 4,096 objects, 65,542 input bytes. */
  public static TlvLimits defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The deepest nesting of constructed templates allowed; top-level objects are depth 1. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The largest value length allowed, in bytes. */
  public int maxValueLength() {
    return maxValueLength;
  }

  /** The most objects (primitive and constructed) one input may hold. */
  public int maxObjects() {
    return maxObjects;
  }

  /** The longest input, in bytes, a reader accepts. */
  public int maxInputLength() {
    return maxInputLength;
  }

  @Override
  public String toString() {
    return "TlvLimits{maxDepth="
        + maxDepth
        + ", maxValueLength="
        + maxValueLength
        + ", maxObjects="
        + maxObjects
        + ", maxInputLength="
        + maxInputLength
        + "}";
  }

  /** Builds {@link TlvLimits}; {@link #build()} checks every bound is positive. */
  public static final class Builder {
    private int maxDepth = 8;
    private int maxValueLength = 65_535;
    private int maxObjects = 4_096;
    private int maxInputLength = 65_542;

    private Builder() {}

    /** Sets the deepest nesting allowed (1..64). */
    public Builder maxDepth(int value) {
      this.maxDepth = value;
      return this;
    }

    /** Sets the largest value length allowed, in bytes. */
    public Builder maxValueLength(int value) {
      this.maxValueLength = value;
      return this;
    }

    /** Sets the most objects one input may hold. */
    public Builder maxObjects(int value) {
      this.maxObjects = value;
      return this;
    }

    /** Sets the longest input accepted, in bytes. */
    public Builder maxInputLength(int value) {
      this.maxInputLength = value;
      return this;
    }

    /**
     * Returns the limits.
     *
     * @throws IllegalArgumentException if a bound is not positive or the depth is above 64
     */
    public TlvLimits build() {
      if (maxDepth < 1 || maxDepth > 64) {
        throw new IllegalArgumentException("maxDepth must be 1..64, was " + maxDepth);
      }
      if (maxValueLength < 1 || maxObjects < 1 || maxInputLength < 1) {
        throw new IllegalArgumentException("limits must be positive");
      }
      return new TlvLimits(this);
    }
  }
}
