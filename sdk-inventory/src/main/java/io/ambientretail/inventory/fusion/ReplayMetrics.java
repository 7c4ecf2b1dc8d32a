package io.ambientretail.inventory.fusion;

import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
    Tally tally = Tally.against(truth);
    for (Receipt r : ours) {
      tally.add(r);
    }
    return tally.result();
  }

  /**
   * Compares receipts one at a time as a streaming replay gives them, holding only the truth not
   * yet matched: the same figures as {@link #compare} on the same receipts. Not thread-safe.
   */
  public static final class Tally {
    private final Map<ShopperId, Receipt> unmatched = new LinkedHashMap<>();
    private final Set<ShopperId> seen = new HashSet<>();
    private int receipts;
    private int exact;
    private int review;
    private int wrongNoReview;
    private long overlap;
    private long charged;
    private long taken;

    private Tally() {}

    /** A tally against {@code truth} (a later receipt of one shopper replaces an earlier one). */
    public static Tally against(List<Receipt> truth) {
      Tally t = new Tally();
      for (Receipt r : truth) {
        t.unmatched.put(r.shopper(), r);
      }
      return t;
    }

    /**
     * Counts one of our receipts; a second receipt for a shopper already counted is ignored.
     *
     * @return false when the shopper was already counted
     */
    public boolean add(Receipt ours) {
      if (!seen.add(ours.shopper())) {
        return false;
      }
      count(ours, unmatched.remove(ours.shopper()));
      return true;
    }

    /** The figures so far, counting every truth receipt not yet matched as missed. */
    public ReplayMetrics result() {
      int r = receipts;
      int e = exact;
      int w = wrongNoReview;
      long t = taken;
      for (Receipt truth : unmatched.values()) {
        r++;
        if (truth.counts().isEmpty()) {
          e++;
        } else {
          w++;
        }
        t += truth.units();
      }
      return new ReplayMetrics(
          r,
          e,
          charged == 0 ? 1.0 : (double) overlap / charged,
          t == 0 ? 1.0 : (double) overlap / t,
          review,
          w);
    }

    private void count(Receipt o, @Nullable Receipt t) {
      Map<SkuId, Integer> oc = o.counts();
      Map<SkuId, Integer> tc = t == null ? Map.of() : t.counts();
      receipts++;
      boolean isExact = oc.equals(tc);
      if (isExact) {
        exact++;
      } else if (!o.review()) {
        wrongNoReview++;
      }
      if (o.review()) {
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
