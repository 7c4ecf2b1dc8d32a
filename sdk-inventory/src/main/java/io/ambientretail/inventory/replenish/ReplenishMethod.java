package io.ambientretail.inventory.replenish;

import java.util.Locale;

/** How a {@link ReplenishmentPolicy} decides whether and how much to order. */
public enum ReplenishMethod {
  /** Below {@code min}, order up to {@code max} (inventory position = on hand + on order). */
  MINMAX("minmax"),
  /**
   * The (s, S) policy: at or below {@code s} (the {@code min} setting), order up to {@code S}
   * ({@code max}).
   */
  SS("ss"),
  /**
   * Reorder point: below the forecast demand over lead time + review period plus safety stock for
   * the service level, order up to that point plus one review period of demand.
   */
  ROP("rop");

  private final String id;

  ReplenishMethod(String id) {
    this.id = id;
  }

  /** The id used in policy files, such as {@code "rop"}. */
  public String id() {
    return id;
  }

  /**
   * The method with the given id, ignoring case.
   *
   * @throws IllegalArgumentException if no method has that id
   */
  public static ReplenishMethod ofId(String id) {
    String want = id.toLowerCase(Locale.ROOT);
    for (ReplenishMethod m : values()) {
      if (m.id.equals(want)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown method '" + id + "' (minmax, ss or rop)");
  }
}
