package io.ambientretail.privacy.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The state of an audit log at one moment: which log ({@link #origin()}), how many entries and the
 * Merkle root over them. Signed, it lets a central witness hold the store to its history: a later
 * checkpoint must be consistent with it (see {@link ConsistencyProof}), so cutting off the tail or
 * rewriting the past is caught.
 *
 * <p>The signed text ({@link #body()}) is the C2SP transparency-log checkpoint: the origin line,
 * the size in decimal and the root in standard base64, each ended by a newline. Immutable.
 */
public final class Checkpoint {
  private final String origin;
  private final long size;
  private final Sha256Hash root;

  private Checkpoint(String origin, long size, Sha256Hash root) {
    this.origin = origin;
    this.size = size;
    this.root = root;
  }

  /**
   * Creates a checkpoint.
   *
   * @throws IllegalArgumentException if the origin is empty, has a newline or control character, or
   *     the size is negative
   */
  public static Checkpoint of(String origin, long size, Sha256Hash root) {
    Objects.requireNonNull(origin, "origin");
    if (origin.isEmpty() || origin.length() > 256 || origin.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException(
          "checkpoint origin must be 1 to 256 characters without control characters");
    }
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint size must not be negative");
    }
    return new Checkpoint(origin, size, Objects.requireNonNull(root, "root"));
  }

  /** The name of the log, for example {@code ambient-retail/store/S001/audit}. */
  public String origin() {
    return origin;
  }

  /** The number of entries covered. */
  public long size() {
    return size;
  }

  /** The Merkle root over the first {@link #size()} entries. */
  public Sha256Hash root() {
    return root;
  }

  /** The text that is signed: {@code origin\nsize\nbase64(root)\n}. */
  public String body() {
    return origin
        + "\n"
        + size
        + "\n"
        + Base64.getEncoder().encodeToString(root.unsafeBytes())
        + "\n";
  }

  byte[] bodyBytes() {
    return body().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint
        && ((Checkpoint) o).size == size
        && ((Checkpoint) o).origin.equals(origin)
        && ((Checkpoint) o).root.equals(root);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, root);
  }

  @Override
  public String toString() {
    return "Checkpoint{" + origin + " size=" + size + " root=" + root.hex() + "}";
  }
}
