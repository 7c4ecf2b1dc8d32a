package io.ambientretail.core;

import io.ambientretail.core.internal.IdText;

/**
 * The id of a shelf lane, one load-cell channel: 1 to 64 letters, digits, '.', '_', ':' or '-'.
 *
 * <p>A distinct type per kind of id, so one cannot be passed where another is expected.
 *
 * @param value the id text
 */
public record LaneId(String value) implements Comparable<LaneId> {
  /** Validates the id text. */
  public LaneId {
    IdText.check("lane id", value);
  }

  /** The id with the given text. */
  public static LaneId of(String value) {
    return new LaneId(value);
  }

  @Override
  public int compareTo(LaneId o) {
    return value.compareTo(o.value);
  }

  /** The id text. */
  @Override
  public String toString() {
    return value;
  }
}
