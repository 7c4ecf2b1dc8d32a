package io.ambientretail.core;

import io.ambientretail.core.internal.IdText;

/**
 * The id of a store: 1 to 64 letters, digits, '.', '_', ':' or '-'.
 *
 * <p>A distinct type per kind of id, so one cannot be passed where another is expected.
 *
 * @param value the id text
 */
public record StoreId(String value) implements Comparable<StoreId> {
  /** Validates the id text. */
  public StoreId {
    IdText.check("store id", value);
  }

  /** The id with the given text. */
  public static StoreId of(String value) {
    return new StoreId(value);
  }

  @Override
  public int compareTo(StoreId o) {
    return value.compareTo(o.value);
  }

  /** The id text. */
  @Override
  public String toString() {
    return value;
  }
}
