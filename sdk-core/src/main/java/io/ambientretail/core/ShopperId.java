package io.ambientretail.core;

import io.ambientretail.core.internal.IdText;

/**
 * The id of a shopper (a session-scoped pseudonym, never a name or card number): 1 to 64 letters,
 * digits, '.', '_', ':' or '-'.
 *
 * <p>A distinct type per kind of id, so one cannot be passed where another is expected.
 *
 * @param value the id text
 */
public record ShopperId(String value) implements Comparable<ShopperId> {
  /** Validates the id text. */
  public ShopperId {
    IdText.check("shopper id", value);
  }

  /** The id with the given text. */
  public static ShopperId of(String value) {
    return new ShopperId(value);
  }

  @Override
  public int compareTo(ShopperId o) {
    return value.compareTo(o.value);
  }

  /** The id text. */
  @Override
  public String toString() {
    return value;
  }
}
