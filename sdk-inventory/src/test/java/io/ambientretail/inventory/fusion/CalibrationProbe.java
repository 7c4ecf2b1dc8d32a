package io.ambientretail.inventory.fusion;

import io.ambientretail.core.ShopperId;
import io.ambientretail.testing.fusion.FusionMix;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the reliability table (confidence bins against the share of receipts that are exact) and
 * the review, exact and wrong-without-review rates over generated days: the figures of
 * docs/fusion.md, section 3. Arguments: mix, {@code tracked} or {@code near}, shoppers, first seed,
 * last seed.
 */
final class CalibrationProbe {
  static final double[] EDGES = {0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001};

  private CalibrationProbe() {}

  /** Receipts counted into confidence bins, with the rates over all of them. */
  static final class Table {
    final int[] n = new int[EDGES.length - 1];
    final int[] exact = new int[EDGES.length - 1];
    final double[] sumConf = new double[EDGES.length - 1];
    int receipts;
    int exactAll;
    int review;
    int wrongNoReview;

    void add(List<Receipt> ours, List<Receipt> truth) {
      Map<ShopperId, Receipt> real = new HashMap<>();
      truth.forEach(r -> real.put(r.shopper(), r));
      for (Receipt r : ours) {
        Receipt t = real.get(r.shopper());
        boolean ok = r.counts().equals(t == null ? Map.of() : t.counts());
        int b = 0;
        while (r.confidence() >= EDGES[b + 1]) {
          b++;
        }
        n[b]++;
        sumConf[b] += r.confidence();
        exact[b] += ok ? 1 : 0;
        receipts++;
        exactAll += ok ? 1 : 0;
        review += r.review() ? 1 : 0;
        wrongNoReview += !ok && !r.review() ? 1 : 0;
      }
    }

    String render() {
      StringBuilder sb = new StringBuilder();
      for (int b = 0; b < n.length; b++) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  [%.2f, %.2f): %5d receipts, mean confidence %.3f, exact %.3f%n",
                EDGES[b],
                Math.min(1, EDGES[b + 1]),
                n[b],
                n[b] == 0 ? 0 : sumConf[b] / n[b],
                n[b] == 0 ? 0 : (double) exact[b] / n[b]));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "  receipts %d exact %.4f review %.4f wrongNoReview %.4f%n",
              receipts,
              (double) exactAll / receipts,
              (double) review / receipts,
              (double) wrongNoReview / receipts));
      return sb.toString();
    }
  }

  public static void main(String[] args) {
    FusionMix mix = FusionMix.valueOf(args[0]);
    boolean tracked = args[1].equals("tracked");
    int shoppers = Integer.parseInt(args[2]);
    long from = Long.parseLong(args[3]);
    long to = Long.parseLong(args[4]);
    Table all = new Table();
    List<Receipt> pooled = new java.util.ArrayList<>();
    List<Boolean> pooledExact = new java.util.ArrayList<>();
    FusionConfig onlyNegative = FusionConfig.builder().reviewBelow(0).reviewLineAbove(1).build();
    for (long seed = from; seed <= to; seed++) {
      Days.Parsed d = Days.of(mix, shoppers, seed, tracked);
      if (args.length > 5) {
        List<Receipt> raw = Days.run(d.events(), onlyNegative);
        Map<ShopperId, Receipt> real = new HashMap<>();
        d.truth().forEach(r -> real.put(r.shopper(), r));
        for (Receipt r : raw) {
          Receipt t = real.get(r.shopper());
          pooled.add(r);
          pooledExact.add(r.counts().equals(t == null ? Map.of() : t.counts()));
        }
      }
      List<Receipt> ours = Days.run(d.events(), FusionConfig.defaults());
      Table one = new Table();
      one.add(ours, d.truth());
      all.add(ours, d.truth());
      System.out.printf(
          Locale.ROOT,
          "%s %s seed %d: exact %.4f review %.4f wrongNoReview %.4f%n",
          mix,
          args[1],
          seed,
          (double) one.exactAll / one.receipts,
          (double) one.review / one.receipts,
          (double) one.wrongNoReview / one.receipts);
    }
    System.out.print(all.render());
    if (args.length > 5) {
      double[] below = {0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9};
      double[] line = {0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0};
      for (double rb : below) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "below %.2f:", rb));
        for (double rl : line) {
          int rev = 0;
          int wrong = 0;
          for (int i = 0; i < pooled.size(); i++) {
            Receipt r = pooled.get(i);
            boolean held = r.review() || r.confidence() < rb;
            for (DoubtfulLine dl : r.doubts()) {
              held |= dl.probability() >= rl;
            }
            rev += held ? 1 : 0;
            wrong += !held && !pooledExact.get(i) ? 1 : 0;
          }
          sb.append(
              String.format(
                  Locale.ROOT,
                  "  line %.2f: rev %.3f wrong %.4f",
                  rl,
                  (double) rev / pooled.size(),
                  (double) wrong / pooled.size()));
        }
        System.out.println(sb);
      }
    }
  }
}
