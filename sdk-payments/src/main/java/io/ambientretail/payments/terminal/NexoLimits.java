package io.ambientretail.payments.terminal;

/**
 * Bounds on a nexo message read from a terminal, in the manner of Jackson's {@code
 * StreamReadConstraints}: a message past any of them is refused with a {@link NexoFormatException}
 * before it is interpreted.
 *
 * <p>Defaults ({@link #defaults()}): 256 KiB per message (a payment response with its receipts is
 * about 12 KiB), nesting depth 16, strings of at most 16,384 characters, arrays of at most 512
 * elements. Immutable and thread-safe.
 */
public final class NexoLimits {
  private static final NexoLimits DEFAULTS = new NexoLimits(256 * 1024, 16, 16_384, 512);

  private final int maxMessageBytes;
  private final int maxDepth;
  private final int maxStringLength;
  private final int maxArrayLength;

  private NexoLimits(int maxMessageBytes, int maxDepth, int maxStringLength, int maxArrayLength) {
    this.maxMessageBytes = positive(maxMessageBytes, "maxMessageBytes");
    this.maxDepth = positive(maxDepth, "maxDepth");
    this.maxStringLength = positive(maxStringLength, "maxStringLength");
    this.maxArrayLength = positive(maxArrayLength, "maxArrayLength");
  }

  /** The documented defaults. */
  public static NexoLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Limits with the given bounds.
   *
   * @throws IllegalArgumentException if any bound is not positive
   */
  public static NexoLimits of(
      int maxMessageBytes, int maxDepth, int maxStringLength, int maxArrayLength) {
    return new NexoLimits(maxMessageBytes, maxDepth, maxStringLength, maxArrayLength);
  }

  private static int positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + v);
    }
    return v;
  }

  /** Largest message read, in bytes. */
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  /** Deepest nesting of objects and arrays. */
  public int maxDepth() {
    return maxDepth;
  }

  /** Longest string value, in characters. */
  public int maxStringLength() {
    return maxStringLength;
  }

  /** Most elements in one array. */
  public int maxArrayLength() {
    return maxArrayLength;
  }

  @Override
  public String toString() {
    return "NexoLimits[bytes="
        + maxMessageBytes
        + ", depth="
        + maxDepth
        + ", string="
        + maxStringLength
        + ", array="
        + maxArrayLength
        + "]";
  }
}
