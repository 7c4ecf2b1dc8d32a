package io.ambientretail.inventory.fusion;

import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How receipts compare with the ground truth: the metrics line of {@code ambient fusion replay
 * --truth}.
 *
 * <p>Every shopper in either list counts once; a shopper missing from one side counts as an empty
 * receipt there. A receipt is exact when its multiset of (SKU, quantity) equals the truth's. Item
 * precision and recall count units ({@code min(ours, truth)} per SKU over ours, over the truth),
 * and are 1 when there is nothing to count. "Wrong without review" is an inexact receipt with
 * {@code review:false}, the outcome that charges a shopper wrongly.
 *
 * @param receipts the number of shoppers compared
 * @param exactReceipts how many receipts are exact
 * @param itemPrecision the share of units charged that were taken
 * @param itemRecall the share of units taken that were charged
 * @param review how many receipts are flagged for review
 * @param wrongWithoutReview how many inexact receipts are not flagged
 */
public record ReplayMetrics(
    int receipts,
    int exactReceipts,
    double itemPrecision,
    double itemRecall,
    int review,
    int wrongWithoutReview) {

  /** Compares {@code ours} with {@code truth}, matching receipts by shopper. */
  public static ReplayMetrics compare(List<Receipt> ours, List<Receipt> truth) {
    Map<ShopperId, Receipt> mine = new LinkedHashMap<>();
    for (Receipt r : ours) {
      mine.put(r.shopper(), r);
    }
    Map<ShopperId, Receipt> real = new LinkedHashMap<>();
    for (Receipt r : truth) {
      real.put(r.shopper(), r);
    }
    java.util.Set<ShopperId> all = new java.util.LinkedHashSet<>(real.keySet());
    all.addAll(mine.keySet());
    int exact = 0;
    int review = 0;
    int wrongNoReview = 0;
    long overlap = 0;
    long charged = 0;
    long taken = 0;
    for (ShopperId id : all) {
      Receipt o = mine.get(id);
      Receipt t = real.get(id);
      Map<SkuId, Integer> oc = o == null ? Map.of() : o.counts();
      Map<SkuId, Integer> tc = t == null ? Map.of() : t.counts();
      boolean isExact = oc.equals(tc);
      boolean flagged = o != null && o.review();
      if (isExact) {
        exact++;
      } else if (!flagged) {
        wrongNoReview++;
      }
      if (flagged) {
        review++;
      }
      for (Map.Entry<SkuId, Integer> e : oc.entrySet()) {
        charged += e.getValue();
        overlap += Math.min(e.getValue(), tc.getOrDefault(e.getKey(), 0));
      }
      for (int q : tc.values()) {
        taken += q;
      }
    }
    return new ReplayMetrics(
        all.size(),
        exact,
        charged == 0 ? 1.0 : (double) overlap / charged,
        taken == 0 ? 1.0 : (double) overlap / taken,
        review,
        wrongNoReview);
  }

  /** The share of receipts that are exact, or 1 when there are none. */
  public double exactRate() {
    return receipts == 0 ? 1.0 : (double) exactReceipts / receipts;
  }

  /** The share of receipts that are wrong and not flagged for review, or 0 when there are none. */
  public double wrongWithoutReviewRate() {
    return receipts == 0 ? 0.0 : (double) wrongWithoutReview / receipts;
  }

  /** The share of receipts flagged for review, or 0 when there are none. */
  public double reviewRate() {
    return receipts == 0 ? 0.0 : (double) review / receipts;
  }
}
