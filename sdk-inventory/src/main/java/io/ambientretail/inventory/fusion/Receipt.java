package io.ambientretail.inventory.fusion;

import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a shopper is charged for on leaving: the items, fusion's confidence that they are exactly
 * right, and whether a person should review the basket before it is charged.
 *
 * <p>Immutable. Lines are sorted by SKU and hold each SKU once.
 *
 * @param shopper the shopper
 * @param items the receipt lines, sorted by SKU, each SKU once
 * @param confidence the probability that the items are exactly right, in [0, 1]
 * @param review true when the evidence could not decide and a person should look
 * @param doubts the changes in doubt, most doubtful first: why the receipt is held, if it is
 */
public record Receipt(
    ShopperId shopper,
    List<ReceiptLine> items,
    double confidence,
    boolean review,
    List<DoubtfulLine> doubts) {
  /** Validates, sorts and copies the lines. */
  public Receipt {
    Objects.requireNonNull(shopper, "shopper");
    doubts = List.copyOf(doubts);
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
    }
    List<ReceiptLine> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(ReceiptLine::sku));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).sku().equals(sorted.get(i - 1).sku())) {
        throw new IllegalArgumentException("SKU " + sorted.get(i).sku() + " appears twice");
      }
    }
    items = List.copyOf(sorted);
  }

  /** A receipt without doubtful lines. */
  public Receipt(ShopperId shopper, List<ReceiptLine> items, double confidence, boolean review) {
    this(shopper, items, confidence, review, List.of());
  }

  /** A receipt of the units in {@code counts}; SKUs with a count below 1 are left out. */
  public static Receipt of(
      ShopperId shopper, Map<SkuId, Integer> counts, double confidence, boolean review) {
    return of(shopper, counts, confidence, review, List.of());
  }

  /** As {@link #of(ShopperId, Map, double, boolean)}, with the lines in doubt. */
  public static Receipt of(
      ShopperId shopper,
      Map<SkuId, Integer> counts,
      double confidence,
      boolean review,
      List<DoubtfulLine> doubts) {
    List<ReceiptLine> lines = new ArrayList<>();
    for (Map.Entry<SkuId, Integer> e : new TreeMap<>(counts).entrySet()) {
      if (e.getValue() > 0) {
        lines.add(new ReceiptLine(e.getKey(), e.getValue()));
      }
    }
    return new Receipt(shopper, lines, confidence, review, doubts);
  }

  /** The items as a map from SKU to units, sorted by SKU. */
  public Map<SkuId, Integer> counts() {
    Map<SkuId, Integer> m = new TreeMap<>();
    for (ReceiptLine l : items) {
      m.put(l.sku(), l.qty());
    }
    return m;
  }

  /** The total number of units. */
  public int units() {
    int n = 0;
    for (ReceiptLine l : items) {
      n += l.qty();
    }
    return n;
  }

  /** True when this receipt's items equal {@code other}'s as a multiset of (SKU, quantity). */
  public boolean sameItems(Receipt other) {
    return items.equals(other.items);
  }
}
