package io.ambientretail.core;

import io.ambientretail.core.internal.IdText;

/**
 * The id of a stock-keeping unit: 1 to 64 letters, digits, '.', '_', ':' or '-'.
 *
 * <p>A distinct type per kind of id, so one cannot be passed where another is expected.
 *
 * @param value the id text
 */
public record SkuId(String value) implements Comparable<SkuId> {
  /** Validates the id text. */
  public SkuId {
    IdText.check("SKU id", value);
  }

  /** The id with the given text. */
  public static SkuId of(String value) {
    return new SkuId(value);
  }

  @Override
  public int compareTo(SkuId o) {
    return value.compareTo(o.value);
  }

  /** The id text. */
  @Override
  public String toString() {
    return value;
  }
}
