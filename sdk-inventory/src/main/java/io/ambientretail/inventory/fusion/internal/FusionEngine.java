package io.ambientretail.inventory.fusion.internal;

import io.ambientretail.core.Gtin;
import io.ambientretail.core.LaneId;
import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.fusion.Action;
import io.ambientretail.inventory.fusion.Alternative;
import io.ambientretail.inventory.fusion.Attribution;
import io.ambientretail.inventory.fusion.CartListener;
import io.ambientretail.inventory.fusion.CartUpdate;
import io.ambientretail.inventory.fusion.DoubtReason;
import io.ambientretail.inventory.fusion.DoubtfulLine;
import io.ambientretail.inventory.fusion.FusionConfig;
import io.ambientretail.inventory.fusion.Lane;
import io.ambientretail.inventory.fusion.Planogram;
import io.ambientretail.inventory.fusion.Receipt;
import io.ambientretail.inventory.fusion.ReplayEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fusion state machine behind {@code CartFusion}: segments lanes, explains each settled change
 * as (shopper, items) hypotheses, weighs them jointly with the changes of the same moment, applies
 * the best to the carts at once and revises it while later evidence arrives. Not thread-safe.
 */
public final class FusionEngine {
  private static final double LOG_UNKNOWN_POSITION = -3.0;
  private static final double LOG_AWAY = -8.0;
  private static final double LOG_FLOOR = -30.0;
  private static final double LOG_NULL = Math.log(0.02) - 0.5 * 4.5 * 4.5;
  private static final double[] UNIT_PRIOR = {0, 0.70, 0.18, 0.07, 0.03, 0.012, 0.006, 0.003};

  /** How long a shopper's state is kept after the exit (for cart and doubt queries), ms. */
  private static final long FORGET_AFTER_EXIT_MS = 60_000;

  /** A decided change another explanation has this much probability of makes its SKU doubtful. */
  private static final double DOUBTFUL = 0.05;

  /**
   * The exponent the joint posteriors are taken to (scores times this before normalising), so that
   * confidence is calibrated: the evidence terms are deliberately wide (reach, tracking noise, hint
   * weights), which alone made the alternatives too probable (receipts given 0.85 were exact 97% of
   * the time). Fitted once on generated hard days (seeds 11 to 13) and checked on other seeds and
   * mixes (docs/fusion.md, section 3). It changes no decision: the best assignment is the same.
   */
  private static final double SHARPNESS = 1.5;

  private static final double LOG_SAME_SHOPPER_AT_ONCE = Math.log(0.35);
  private static final int TOP_HYPOTHESES = 6;
  private static final int MAX_CLUSTER = 4;
  private static final long CLUSTER_MS = 1200;

  /** Metres per second a shopper reaching into a shelf may still appear to move. */
  private static final double STILL_SPEED = 0.3;

  private final FusionConfig config;
  private final CartListener listener;
  private final boolean baseline;
  private Planogram planogram;
  private final Map<LaneId, LaneState> lanes = new HashMap<>();
  private final Map<String, double[]> shelfAxis = new HashMap<>();
  private final Map<SkuId, double[]> skuWeight = new HashMap<>();
  private final Map<String, SkuId> skuByGtin = new HashMap<>();
  private final Map<ShopperId, ShopperState> shoppers = new LinkedHashMap<>();

  /** Shoppers who left, in the order they left: the ones to forget first. */
  private final ArrayDeque<ShopperState> left = new ArrayDeque<>();

  private final List<Change> open = new ArrayList<>();
  private final List<Receipt> receipts = new ArrayList<>();
  private final boolean retainReceipts;
  private long shopperSeq;
  private final Set<ShopperState> touched = new LinkedHashSet<>();
  private long nextDue = Long.MAX_VALUE;
  private long now;
  private long changes;
  private long epoch;

  /** Confident decisions checked for a vision hint about their shopper, and how many had one. */
  private long hintChecked;

  private long hintSeen;

  public FusionEngine(FusionConfig config, Planogram initial, CartListener listener) {
    this(config, initial, listener, true);
  }

  public FusionEngine(
      FusionConfig config, Planogram initial, CartListener listener, boolean retainReceipts) {
    this.retainReceipts = retainReceipts;
    this.config = config;
    this.listener = listener;
    this.baseline = config.attribution() == Attribution.NEAREST_SHOPPER;
    this.planogram = Planogram.empty();
    for (Lane l : initial.lanes()) {
      defineLane(l);
    }
  }

  // ---------------------------------------------------------------- input

  public void accept(ReplayEvent e) {
    if (e instanceof ReplayEvent.Weight) {
      ReplayEvent.Weight w = (ReplayEvent.Weight) e;
      weight(w.lane(), w.t(), w.grams());
      return;
    }
    advance(e.t());
    if (e instanceof ReplayEvent.Track) {
      ReplayEvent.Track tr = (ReplayEvent.Track) e;
      shopper(tr.shopper(), tr.t()).track(tr.t(), tr.x(), tr.y());
    } else if (e instanceof ReplayEvent.Near) {
      ReplayEvent.Near n = (ReplayEvent.Near) e;
      shopper(n.shopper(), n.t()).near(n.shelf(), n.t(), n.metres());
    } else if (e instanceof ReplayEvent.Vision) {
      ReplayEvent.Vision v = (ReplayEvent.Vision) e;
      shopper(v.shopper(), v.t()).hint(v);
      reviseAround(v.shelf(), v.t());
    } else if (e instanceof ReplayEvent.Scan) {
      ReplayEvent.Scan s = (ReplayEvent.Scan) e;
      shopper(s.shopper(), s.t()).scan(s);
      reviseAround(null, s.t());
    } else if (e instanceof ReplayEvent.Enter) {
      ReplayEvent.Enter en = (ReplayEvent.Enter) e;
      ShopperState s = shopper(en.shopper(), en.t());
      if (s.exit >= 0 && !s.done) {
        s.exit = -1;
      }
    } else if (e instanceof ReplayEvent.Exit) {
      exit(((ReplayEvent.Exit) e).shopper(), e.t());
    } else if (e instanceof ReplayEvent.LaneDefined) {
      defineLane(((ReplayEvent.LaneDefined) e).lane());
    }
    flush();
  }

  /** The hot path: one raw reading. Unknown lanes are ignored. */
  public void weight(LaneId laneId, long t, double grams) {
    if (t >= nextDue) {
      advance(t);
      flush();
    } else if (t > now) {
      now = t;
    }
    LaneState lane = lanes.get(laneId);
    if (lane == null) {
      return;
    }
    if (lane.segmenter.accept(t, grams)) {
      settled(
          lane,
          lane.segmenter.changeStart(),
          lane.segmenter.changeEnd(),
          lane.segmenter.changeDelta());
      flush();
    }
  }

  /** Ends the replay: decides everything still open and gives the receipts not yet given. */
  public List<Receipt> finish() {
    finalizeUpTo(Long.MAX_VALUE);
    flush();
    for (ShopperState s : shoppers.values()) {
      if (!s.done) {
        emitReceipt(s);
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(receipts));
  }

  public List<Receipt> receipts() {
    return Collections.unmodifiableList(new ArrayList<>(receipts));
  }

  public Planogram planogram() {
    return planogram;
  }

  public @Nullable Map<SkuId, Integer> cart(ShopperId id) {
    ShopperState s = shoppers.get(id);
    return s == null ? null : s.positiveCart();
  }

  public long changes() {
    return changes;
  }

  public Set<SkuId> doubtful(ShopperId id) {
    ShopperState s = shoppers.get(id);
    return s == null ? Set.of() : s.doubtful();
  }

  public Map<LaneId, Long> unsettledLanes() {
    Map<LaneId, Long> out = new LinkedHashMap<>();
    for (LaneState l : lanes.values()) {
      if (l.segmenter.unsettled()) {
        out.put(l.lane.id(), l.segmenter.unsettledSince());
      }
    }
    return out;
  }

  public void assumeWeight(LaneId laneId, double grams) {
    LaneState lane = lanes.get(laneId);
    if (lane != null) {
      lane.segmenter.assumeLevel(grams);
    }
  }

  public void relevel(LaneId laneId) {
    LaneState lane = lanes.get(laneId);
    if (lane == null) {
      return;
    }
    lane.segmenter.reset();
    lane.last = null;
    lane.residual = 0;
  }

  // ---------------------------------------------------------------- planogram and shoppers

  private void defineLane(Lane l) {
    planogram = planogram.with(l);
    LaneState st = lanes.get(l.id());
    if (st == null) {
      lanes.put(
          l.id(),
          new LaneState(
              l, new LaneSegmenter(config.stableWindowMillis(), config.minChangeGrams())));
    } else {
      boolean restocked = !st.lane.sku().equals(l.sku());
      st.lane = l;
      if (restocked) {
        st.segmenter.reset();
        st.misplaced.clear();
        st.last = null;
      }
    }
    skuWeight.put(l.sku(), new double[] {l.unitGrams(), l.gramsStd()});
    String text = l.sku().value();
    if (Gtin.isValid(text)) {
      skuByGtin.put(Gtin.parse(text).digits14(), l.sku());
    } else {
      skuByGtin.putIfAbsent(text, l.sku());
    }
    shelfAxis.remove(l.shelf());
  }

  private double @Nullable [] axis(String shelf) {
    if (shelfAxis.containsKey(shelf)) {
      return shelfAxis.get(shelf);
    }
    List<Lane> ls = planogram.shelf(shelf);
    double[] best = null;
    double bestD = 0.05;
    for (int i = 0; i < ls.size(); i++) {
      for (int j = i + 1; j < ls.size(); j++) {
        double dx = ls.get(j).x() - ls.get(i).x();
        double dy = ls.get(j).y() - ls.get(i).y();
        double d = Math.hypot(dx, dy);
        if (d > bestD) {
          bestD = d;
          best = new double[] {dx / d, dy / d};
        }
      }
    }
    shelfAxis.put(shelf, best);
    return best;
  }

  private ShopperState shopper(ShopperId id, long t) {
    ShopperState s = shoppers.get(id);
    if (s == null) {
      s = new ShopperState(id, shopperSeq++, t);
      shoppers.put(id, s);
    }
    return s;
  }

  private void exit(ShopperId id, long t) {
    ShopperState s = shopper(id, t);
    if (s.done) {
      return;
    }
    s.exit = t;
    finalizeUpTo(t);
    flush();
    emitReceipt(s);
    left.addLast(s);
    forgetLeftBefore(t - FORGET_AFTER_EXIT_MS);
  }

  /**
   * Drops shoppers who left before {@code t}: a shopper who has left is never a candidate again and
   * every change from before the exit was decided at the exit, so a live store's memory stays
   * bounded by the shoppers of the last minute.
   */
  private void forgetLeftBefore(long t) {
    while (!left.isEmpty() && left.peekFirst().exit < t) {
      ShopperState s = left.removeFirst();
      if (shoppers.get(s.id) == s) {
        shoppers.remove(s.id);
      }
    }
  }

  private void emitReceipt(ShopperState s) {
    s.done = true;
    double conf = baseline ? 1.0 : confidence(s);
    boolean review = !baseline && review(s, conf);
    conf = Math.round(conf * 10_000) / 10_000.0;
    Receipt r = Receipt.of(s.id, s.positiveCart(), conf, review, s.lines());
    if (retainReceipts) {
      receipts.add(r);
    }
    listener.receipt(r);
  }

  private static double confidence(ShopperState s) {
    return Math.max(0, Math.min(1, Math.exp(s.logConfidence)));
  }

  /**
   * Whether a person should look before the receipt is charged: a line in doubt (one change whose
   * alternatives give the shopper other items with at least {@link FusionConfig#reviewLineAbove()}
   * probability), a confidence below {@link FusionConfig#reviewBelow()} (many doubts together), or
   * a put-back of something the cart did not hold.
   */
  private boolean review(ShopperState s, double conf) {
    if (conf < config.reviewBelow() || s.hasNegative()) {
      return true;
    }
    for (DoubtfulLine d : s.lines()) {
      if (d.probability() >= config.reviewLineAbove()) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code id}'s receipt would be held for review if the shopper left now. */
  public boolean needsReview(ShopperId id) {
    ShopperState s = shoppers.get(id);
    return s != null && !baseline && review(s, confidence(s));
  }

  private void flush() {
    if (touched.isEmpty()) {
      return;
    }
    List<ShopperState> list = new ArrayList<>(touched);
    touched.clear();
    for (ShopperState s : list) {
      double conf = Math.max(0, Math.min(1, Math.exp(s.logConfidence)));
      listener.cartUpdated(new CartUpdate(s.id, now, s.positiveCart(), baseline ? 1.0 : conf));
    }
  }

  // ---------------------------------------------------------------- time

  private void advance(long t) {
    if (t > now) {
      now = t;
    }
    if (t >= nextDue) {
      finalizeUpTo(t - config.revisionMillis());
    }
  }

  private void finalizeUpTo(long lastT1) {
    while (true) {
      Change due = null;
      for (Change c : open) {
        if (c.t1 <= lastT1 && (due == null || c.t1 < due.t1)) {
          due = c;
        }
      }
      if (due == null) {
        break;
      }
      finalizeChange(due, evaluateCluster(due));
    }
    recomputeNextDue();
  }

  private void recomputeNextDue() {
    long d = Long.MAX_VALUE;
    for (Change c : open) {
      d = Math.min(d, c.t1 + config.revisionMillis());
    }
    nextDue = d;
  }

  private void finalizeChange(Change c, List<Change> cluster) {
    open.remove(c);
    c.fin = true;
    if (!baseline && c.unexplained()) {
      c.lane.residual += c.delta;
      c.lane.residualT = c.t1;
    }
    if (baseline || c.hyps.isEmpty()) {
      return;
    }
    learnHintRate(c);
    // The doubt a shopper's receipt takes from this moment is the cluster's: the probability that
    // the changes decided together leave the shopper with other items. Part of it may have been
    // charged already when another change of the cluster was finalised; charge only the rest, and
    // tell the changes still open what has been charged for them.
    Map<ShopperId, Double> total = new LinkedHashMap<>();
    Map<ShopperId, Change> worst = new LinkedHashMap<>();
    for (Change m : cluster) {
      for (Map.Entry<ShopperId, Double> e : m.wrong.entrySet()) {
        total.merge(e.getKey(), e.getValue(), Double::sum);
        Change w = worst.get(e.getKey());
        if (w == null || w.wrong.get(e.getKey()) < e.getValue()) {
          worst.put(e.getKey(), m);
        }
      }
    }
    for (Map.Entry<ShopperId, Double> e : total.entrySet()) {
      ShopperId id = e.getKey();
      double t = Math.min(1, e.getValue());
      double charge = t - c.precharged.getOrDefault(id, 0.0);
      for (Change m : cluster) {
        if (m != c && !m.fin) {
          m.precharged.merge(id, t, Math::max);
        }
      }
      ShopperState s = shoppers.get(id);
      if (s == null || charge <= 1e-9) {
        continue;
      }
      s.logConfidence += Math.log(Math.max(1e-12, 1 - charge));
      if (charge >= DOUBTFUL) {
        Change w = worst.get(id);
        s.doubt(w.lane.lane.sku());
        s.line(doubtfulLine(id, w, charge));
      }
    }
  }

  /** Describes change {@code c} as a doubtful line of {@code id}'s receipt, for the reviewer. */
  private DoubtfulLine doubtfulLine(ShopperId id, Change c, double probability) {
    Hyp applied = c.applied;
    Hyp alt = null;
    for (Hyp h : c.hyps) {
      if (h != applied && !sameEffectFor(id, h, applied) && (alt == null || h.post > alt.post)) {
        alt = h;
      }
    }
    DoubtReason reason;
    if (alt == null || alt.shopper == null) {
      reason = DoubtReason.UNEXPLAINED;
    } else if (id.equals(alt.shopper) && applied != null && id.equals(applied.shopper)) {
      reason = DoubtReason.NEAR_EQUAL_WEIGHTS;
    } else {
      ShopperState s = shoppers.get(id);
      reason = s != null && !hasTrackNear(s, c) ? DoubtReason.MISSING_TRACK : DoubtReason.NEIGHBOUR;
    }
    List<Hyp> ranked = new ArrayList<>(c.hyps);
    ranked.sort(Comparator.comparingDouble((Hyp h) -> -h.post));
    List<Alternative> alternatives = new ArrayList<>();
    for (Hyp h : ranked) {
      if (alternatives.size() == 3 || (alternatives.size() >= 2 && h.post < 0.01)) {
        break;
      }
      Map<SkuId, Integer> items = new TreeMap<>();
      for (int i = 0; i < h.skus.length; i++) {
        items.merge(h.skus[i], h.qty[i], Integer::sum);
      }
      alternatives.add(new Alternative(h.shopper, items, Math.max(0, Math.min(1, h.post))));
    }
    return new DoubtfulLine(
        c.lane.lane.id(), c.lane.lane.sku(), c.t1, Math.min(1, probability), reason, alternatives);
  }

  /** Whether {@code s} has a track sample within 1 s of the change's window. */
  private static boolean hasTrackNear(ShopperState s, Change c) {
    if (!s.hasTrack()) {
      return s.hasNear();
    }
    for (int k = 0; k < s.tSize; k++) {
      long t = s.tt[(s.tHead + k) % s.tt.length];
      if (t >= c.t0 - 1800 && t <= c.t1 + 1000) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameEffectFor(ShopperId id, Hyp a, @Nullable Hyp b) {
    boolean aHas = id.equals(a.shopper);
    boolean bHas = b != null && id.equals(b.shopper);
    if (!aHas && !bHas) {
      return true;
    }
    if (aHas != bHas) {
      return false;
    }
    return a.sameItems(b);
  }

  // ---------------------------------------------------------------- changes

  private void settled(LaneState lane, long t0, long t1, double delta) {
    if (baseline) {
      Change c = new Change(lane, t0, t1, delta, changes++);
      evaluateBaseline(c);
      return;
    }
    Change prev = lane.last;
    if (prev != null && !prev.fin && prev.unexplained() && t0 - prev.t1 <= 2500) {
      revert(prev);
      open.remove(prev);
      delta += prev.delta;
      t0 = prev.t0;
      lane.last = null;
      if (Math.abs(delta) < Math.max(config.minChangeGrams(), 4 * lane.segmenter.noise())) {
        recomputeNextDue();
        return;
      }
    }
    if (lane.residual != 0) {
      if (t0 - lane.residualT <= 10_000
          && fitZ(lane, delta + lane.residual) + 1 < fitZ(lane, delta)) {
        delta += lane.residual;
      }
      lane.residual = 0;
    }
    Change c = new Change(lane, t0, t1, delta, changes++);
    lane.last = c;
    open.add(c);
    evaluateCluster(c);
    recomputeNextDue();
  }

  private void reviseAround(@Nullable String shelf, long t) {
    if (baseline || open.isEmpty()) {
      return;
    }
    epoch++;
    for (Change c : new ArrayList<>(open)) {
      if (!c.fin
          && c.epoch != epoch
          && (shelf == null || c.lane.lane.shelf().equals(shelf))
          && t >= c.t0 - 3000
          && t <= c.t1 + config.revisionMillis()) {
        evaluateCluster(c);
      }
    }
  }

  private List<Change> evaluateCluster(Change seed) {
    List<Change> cluster = new ArrayList<>();
    cluster.add(seed);
    List<Change> others = new ArrayList<>();
    for (Change c : open) {
      if (c != seed && !c.fin && c.t0 - CLUSTER_MS <= seed.t1 && seed.t0 - CLUSTER_MS <= c.t1) {
        others.add(c);
      }
    }
    others.sort(Comparator.comparingLong(c -> Math.abs(c.t1 - seed.t1)));
    for (int i = 0; i < others.size() && cluster.size() < MAX_CLUSTER; i++) {
      cluster.add(others.get(i));
    }
    cluster.sort(Comparator.comparingLong((Change c) -> c.t1).thenComparingLong(c -> c.seq));
    for (Change c : cluster) {
      revert(c);
      c.epoch = epoch;
    }
    Map<ShopperId, Map<SkuId, Integer>> pendingPicks = new HashMap<>();
    for (Change c : cluster) {
      c.hyps = hypotheses(c, pendingPicks);
      Hyp best = c.hyps.isEmpty() ? null : c.hyps.get(0);
      if (best != null && best.shopper != null) {
        for (int i = 0; i < best.skus.length; i++) {
          if (best.qty[i] > 0) {
            pendingPicks
                .computeIfAbsent(best.shopper, k -> new HashMap<>())
                .merge(best.skus[i], best.qty[i], Integer::sum);
          }
        }
      }
    }
    joint(cluster);
    for (Change c : cluster) {
      apply(c, c.best);
    }
    return cluster;
  }

  /** Enumerates joint assignments of a cluster, sets posteriors and the joint best. */
  private void joint(List<Change> cluster) {
    int n = cluster.size();
    int[] idx = new int[n];
    int[] bestIdx = new int[n];
    double[] bestScore = {Double.NEGATIVE_INFINITY};
    List<double[]> post = new ArrayList<>();
    for (Change c : cluster) {
      post.add(new double[c.hyps.size()]);
    }
    // first pass: max score for a stable log-sum-exp
    double[] max = {Double.NEGATIVE_INFINITY};
    enumerate(
        cluster,
        idx,
        0,
        0.0,
        (score) -> {
          if (score > max[0]) {
            max[0] = score;
          }
          if (score > bestScore[0]) {
            bestScore[0] = score;
            System.arraycopy(idx, 0, bestIdx, 0, n);
          }
        });
    for (int i = 0; i < n; i++) {
      Change c = cluster.get(i);
      c.best = c.hyps.isEmpty() ? null : c.hyps.get(bestIdx[i]);
    }
    Set<ShopperId> involved = new LinkedHashSet<>();
    for (Change c : cluster) {
      for (Hyp h : c.hyps) {
        if (h.shopper != null) {
          involved.add(h.shopper);
        }
      }
    }
    List<ShopperId> who = new ArrayList<>(involved);
    // differs[i][j][k]: hypothesis j of change i gives shopper k other items than the best does.
    boolean[][][] differs = new boolean[n][][];
    for (int i = 0; i < n; i++) {
      Change c = cluster.get(i);
      differs[i] = new boolean[c.hyps.size()][who.size()];
      for (int j = 0; j < c.hyps.size(); j++) {
        for (int k = 0; k < who.size(); k++) {
          differs[i][j][k] = !sameEffectFor(who.get(k), c.hyps.get(j), c.best);
        }
      }
    }
    // wrong[i][k]: the share of the probability that shopper k's items from this cluster differ
    // from the best joint assignment's, laid on change i (a combination that differs on several
    // changes is shared among them, so a swap of two neighbours counts once, not twice, and a
    // combination whose changes give the shopper the same items in total counts not at all).
    double[][] wrong = new double[n][who.size()];
    double[] total = {0};
    enumerate(
        cluster,
        idx,
        0,
        0.0,
        (score) -> {
          double w = Math.exp(SHARPNESS * (score - max[0]));
          total[0] += w;
          for (int i = 0; i < n; i++) {
            post.get(i)[idx[i]] += w;
          }
          for (int k = 0; k < who.size(); k++) {
            int d = 0;
            for (int i = 0; i < n; i++) {
              if (!cluster.get(i).hyps.isEmpty() && differs[i][idx[i]][k]) {
                d++;
              }
            }
            if (d == 0 || (d > 1 && sameNetFor(who.get(k), cluster, idx))) {
              continue;
            }
            for (int i = 0; i < n; i++) {
              if (!cluster.get(i).hyps.isEmpty() && differs[i][idx[i]][k]) {
                wrong[i][k] += w / d;
              }
            }
          }
        });
    for (int i = 0; i < n; i++) {
      Change c = cluster.get(i);
      double[] p = post.get(i);
      for (int j = 0; j < c.hyps.size(); j++) {
        c.hyps.get(j).post = total[0] > 0 ? p[j] / total[0] : 0;
      }
      Map<ShopperId, Double> mine = new LinkedHashMap<>();
      for (int k = 0; k < who.size(); k++) {
        double v = total[0] > 0 ? wrong[i][k] / total[0] : 0;
        if (v > 1e-9) {
          mine.put(who.get(k), Math.min(1, v));
        }
      }
      c.wrong = mine;
    }
  }

  /**
   * Whether the cluster's hypotheses chosen by {@code idx} give {@code id} the same items in total
   * as the cluster's best hypotheses.
   */
  private static boolean sameNetFor(ShopperId id, List<Change> cluster, int[] idx) {
    Map<SkuId, Integer> now = new TreeMap<>();
    Map<SkuId, Integer> best = new TreeMap<>();
    for (int i = 0; i < cluster.size(); i++) {
      Change c = cluster.get(i);
      if (c.hyps.isEmpty()) {
        continue;
      }
      addItems(id, c.hyps.get(idx[i]), now);
      addItems(id, c.best, best);
    }
    now.values().removeIf(v -> v == 0);
    best.values().removeIf(v -> v == 0);
    return now.equals(best);
  }

  private static void addItems(ShopperId id, @Nullable Hyp h, Map<SkuId, Integer> into) {
    if (h == null || !id.equals(h.shopper)) {
      return;
    }
    for (int i = 0; i < h.skus.length; i++) {
      into.merge(h.skus[i], h.qty[i], Integer::sum);
    }
  }

  private interface ScoreSink {
    void accept(double score);
  }

  private void enumerate(List<Change> cluster, int[] idx, int i, double acc, ScoreSink sink) {
    if (i == cluster.size()) {
      sink.accept(acc);
      return;
    }
    Change c = cluster.get(i);
    if (c.hyps.isEmpty()) {
      idx[i] = 0;
      enumerate(cluster, idx, i + 1, acc, sink);
      return;
    }
    for (int j = 0; j < c.hyps.size(); j++) {
      Hyp h = c.hyps.get(j);
      double s = acc + h.score;
      if (h.shopper != null) {
        for (int k = 0; k < i; k++) {
          Change o = cluster.get(k);
          if (o.hyps.isEmpty()) {
            continue;
          }
          Hyp oh = o.hyps.get(idx[k]);
          if (h.shopper.equals(oh.shopper) && o.lane != c.lane && Math.abs(o.t1 - c.t1) < 1500) {
            s += LOG_SAME_SHOPPER_AT_ONCE;
          }
        }
      }
      idx[i] = j;
      enumerate(cluster, idx, i + 1, s, sink);
    }
  }

  private void revert(Change c) {
    if (c.applied != null) {
      effect(c, c.applied, -1);
      c.applied = null;
    }
  }

  private void apply(Change c, @Nullable Hyp h) {
    if (c.applied == h) {
      return;
    }
    revert(c);
    if (h != null) {
      effect(c, h, +1);
      c.applied = h;
    }
  }

  private void effect(Change c, Hyp h, int sign) {
    if (h.shopper == null) {
      return;
    }
    ShopperState s = shoppers.get(h.shopper);
    SkuId laneSku = c.lane.lane.sku();
    for (int i = 0; i < h.skus.length; i++) {
      int q = sign * h.qty[i];
      s.add(h.skus[i], q);
      if (!h.skus[i].equals(laneSku)) {
        c.lane.misplaced.merge(h.skus[i], -q, Integer::sum);
        if (c.lane.misplaced.get(h.skus[i]) == 0) {
          c.lane.misplaced.remove(h.skus[i]);
        }
      }
    }
    touched.add(s);
  }

  // ---------------------------------------------------------------- hypotheses

  private List<Hyp> hypotheses(Change c, Map<ShopperId, Map<SkuId, Integer>> pendingPicks) {
    Lane lane = c.lane.lane;
    List<ShopperState> cands = new ArrayList<>();
    for (ShopperState s : shoppers.values()) {
      if (s.present(c.t0, c.t1) && !s.done) {
        cands.add(s);
      }
    }
    double noise = c.lane.segmenter.noise();
    double baseVar = sq(2.0 + 1.5 * noise) + sq(0.004 * Math.abs(c.delta));
    List<Hyp> out = new ArrayList<>();
    out.add(new Hyp(null, new SkuId[0], new int[0], LOG_NULL - 0.5 * Math.log(baseVar)));
    if (cands.isEmpty()) {
      return out;
    }
    double[] pos = new double[cands.size()];
    double maxPos = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < cands.size(); i++) {
      pos[i] = position(cands.get(i), c);
      maxPos = Math.max(maxPos, pos[i]);
    }
    Action action = c.delta < 0 ? Action.PICK : Action.PUT;
    double grams = Math.abs(c.delta);
    List<Hyp> items = new ArrayList<>();
    if (action == Action.PICK) {
      itemsOfPick(c, grams, baseVar, items);
    }
    for (int i = 0; i < cands.size(); i++) {
      ShopperState s = cands.get(i);
      double p = Math.max(LOG_FLOOR, pos[i] - maxPos);
      List<Hyp> its = items;
      if (action == Action.PUT) {
        its = new ArrayList<>();
        itemsOfPut(c, s, pendingPicks.get(s.id), grams, baseVar, its);
      }
      for (Hyp it : its) {
        double score = it.score + p + vision(s, c, action, it) + scan(s, c, it);
        out.add(new Hyp(s.id, it.skus, it.qty, score));
      }
    }
    out.sort(Comparator.comparingDouble((Hyp h) -> -h.score));
    // Hypotheses more than 12 nats below the best carry < 1e-5 of the mass: drop them.
    double floor = out.get(0).score - 12;
    int keep = 1;
    while (keep < out.size() && keep < TOP_HYPOTHESES && out.get(keep).score >= floor) {
      keep++;
    }
    return new ArrayList<>(out.subList(0, keep));
  }

  private void itemsOfPick(Change c, double grams, double baseVar, List<Hyp> out) {
    Lane lane = c.lane.lane;
    int max = config.maxUnitsPerChange();
    for (int n = 1; n <= max; n++) {
      out.add(itemHyp(new SkuId[] {lane.sku()}, new int[] {n}, grams, baseVar, unitPrior(n)));
    }
    for (Map.Entry<SkuId, Integer> m : c.lane.misplaced.entrySet()) {
      if (m.getValue() <= 0) {
        continue;
      }
      SkuId k = m.getKey();
      out.add(itemHyp(new SkuId[] {k}, new int[] {1}, grams, baseVar, 0.35));
      out.add(itemHyp(new SkuId[] {k, lane.sku()}, new int[] {1, 1}, grams, baseVar, 0.03));
      if (m.getValue() >= 2) {
        out.add(itemHyp(new SkuId[] {k}, new int[] {2}, grams, baseVar, 0.05));
      }
    }
  }

  private void itemsOfPut(
      Change c,
      ShopperState s,
      @Nullable Map<SkuId, Integer> pending,
      double grams,
      double baseVar,
      List<Hyp> out) {
    Map<SkuId, Integer> cart = new TreeMap<>(s.cart);
    if (pending != null) {
      pending.forEach((k, v) -> cart.merge(k, v, Integer::sum));
    }
    SkuId laneSku = c.lane.lane.sku();
    int max = config.maxUnitsPerChange();
    for (Map.Entry<SkuId, Integer> e : cart.entrySet()) {
      int have = Math.min(max, e.getValue());
      double where = e.getKey().equals(laneSku) ? 1.0 : 0.08;
      for (int n = 1; n <= have; n++) {
        out.add(
            itemHyp(
                new SkuId[] {e.getKey()}, new int[] {-n}, grams, baseVar, where * unitPrior(n)));
      }
    }
  }

  private Hyp itemHyp(SkuId[] skus, int[] qty, double grams, double baseVar, double prior) {
    double mean = 0;
    double var = baseVar;
    for (int i = 0; i < skus.length; i++) {
      double[] w = skuWeight.get(skus[i]);
      int n = Math.abs(qty[i]);
      double unit = w == null ? 0 : w[0];
      double std = w == null ? 0 : w[1];
      mean += n * unit;
      var += n * std * std;
    }
    double r = grams - mean;
    double score = -r * r / (2 * var) - 0.5 * Math.log(var) + Math.log(prior);
    return new Hyp(null, skus, qty, score);
  }

  private static double unitPrior(int n) {
    return n < UNIT_PRIOR.length ? UNIT_PRIOR[n] : 0.001;
  }

  /** Log-likelihood that {@code s} is the one reaching into the change's lane. */
  private double position(ShopperState s, Change c) {
    Lane lane = c.lane.lane;
    if (s.hasTrack()) {
      long a = c.t0 - 800;
      long b = Math.min(c.t1, c.t0 + 1200);
      double sx = 0;
      double sy = 0;
      int n = 0;
      long nearestGap = Long.MAX_VALUE;
      double nx = 0;
      double ny = 0;
      for (int k = 0; k < s.tSize; k++) {
        int i = (s.tHead + k) % s.tt.length;
        long t = s.tt[i];
        if (t >= a && t <= b) {
          sx += s.tx[i];
          sy += s.ty[i];
          n++;
        } else {
          long gap = t < a ? a - t : t - b;
          if (gap < nearestGap) {
            nearestGap = gap;
            nx = s.tx[i];
            ny = s.ty[i];
          }
        }
      }
      double extra = 0;
      double mx;
      double my;
      if (n > 0) {
        mx = sx / n;
        my = sy / n;
      } else if (nearestGap <= 6000) {
        mx = nx;
        my = ny;
        n = 1;
        extra = 0.3 * nearestGap / 1000.0;
      } else {
        return LOG_UNKNOWN_POSITION;
      }
      double tn = config.trackNoiseMetres();
      // From just before the hand went in until the lane began to settle (the picker may turn
      // away during the settling window itself).
      double moving =
          moving(s, c.t0 - 300, Math.max(c.t0 + 300, c.t1 - config.stableWindowMillis()), tn);
      double dx = mx - lane.x();
      double dy = my - lane.y();
      double[] ax = axis(lane.shelf());
      if (ax != null) {
        double u = dx * ax[0] + dy * ax[1];
        double v = Math.abs(-dx * ax[1] + dy * ax[0]);
        double su2 = sq(0.12) + sq(tn) / n + sq(extra);
        double excess = Math.max(0, v - 0.6);
        double sv2 = sq(0.12) + sq(tn) / n + sq(extra);
        return -u * u / (2 * su2)
            - 0.5 * Math.log(su2 / sq(0.12))
            - excess * excess / (2 * sv2)
            + moving;
      }
      double d2 = dx * dx + dy * dy;
      double s2 = sq(0.35) + sq(tn) / n + sq(extra);
      return -d2 / (2 * s2) - 0.5 * Math.log(s2 / sq(0.35)) + moving;
    }
    ShopperState.NearRing ring = s.near(lane.shelf());
    if (ring == null) {
      return LOG_AWAY;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < ring.size; k++) {
      int i = ring.index(k);
      if (ring.t[i] >= c.t0 - 2000 && ring.t[i] <= c.t1 + 500) {
        best = Math.min(best, ring.m[i]);
      }
    }
    if (best == Double.POSITIVE_INFINITY) {
      return LOG_AWAY;
    }
    return -best * best / (2 * sq(0.5));
  }

  /**
   * Log-likelihood term for walking while the lane changed: a hand in a shelf means standing nearly
   * still, so a shopper whose track crosses the lane's front at walking pace between the first
   * moving reading and the settle is unlikely to be the one reaching in. The speed is the
   * least-squares slope of the samples in [from, to]; its own uncertainty (tracking noise over the
   * span) widens the allowance, so few or noisy samples cost little.
   */
  private static double moving(ShopperState s, long from, long to, double trackNoise) {
    int n = 0;
    double st = 0;
    for (int k = 0; k < s.tSize; k++) {
      int i = (s.tHead + k) % s.tt.length;
      if (s.tt[i] >= from && s.tt[i] <= to) {
        st += s.tt[i];
        n++;
      }
    }
    if (n < 3) {
      return 0;
    }
    double mt = st / n;
    double stt = 0;
    double sx = 0;
    double sy = 0;
    for (int k = 0; k < s.tSize; k++) {
      int i = (s.tHead + k) % s.tt.length;
      if (s.tt[i] >= from && s.tt[i] <= to) {
        double dt = (s.tt[i] - mt) / 1000.0;
        stt += dt * dt;
        sx += dt * s.tx[i];
        sy += dt * s.ty[i];
      }
    }
    if (stt < 0.04) {
      return 0;
    }
    double speed = Math.hypot(sx / stt, sy / stt);
    double slopeSd = trackNoise / Math.sqrt(stt);
    double z = Math.max(0, speed - STILL_SPEED) / Math.hypot(0.15, slopeSd);
    return -0.5 * z * z;
  }

  private double vision(ShopperState s, Change c, Action action, Hyp items) {
    String shelf = c.lane.lane.shelf();
    boolean any = false;
    double best = -1;
    if (s.vision != null) {
      SkuId primary = items.primary();
      for (ReplayEvent.Vision v : s.vision) {
        if (!v.shelf().equals(shelf) || v.t() < c.t0 - 1000 || v.t() > c.t1 + 2000) {
          continue;
        }
        any = true;
        if (v.action() == action) {
          best = Math.max(best, primary == null ? 0 : v.p(primary));
        }
      }
    }
    if (!any) {
      return logNoHint();
    }
    if (best < 0) {
      return Math.log(0.5);
    }
    return Math.log(0.3 + 2.5 * best);
  }

  /**
   * The log-likelihood of a shopper having no vision hint about a change: where vision reports on
   * most changes, a shopper it said nothing about is less likely the one who made it. The rate is
   * learned from the store's own confident decisions (whether their shopper had a hint), and the
   * factor is at least 0.3, so a missed or misattributed hint can be outvoted.
   */
  private double logNoHint() {
    if (hintChecked < 30) {
      return 0;
    }
    double rate = (hintSeen + 1.0) / (hintChecked + 2.0);
    return Math.log(Math.max(0.3, 1 - rate));
  }

  /** Counts whether the shopper of a confident decision had a vision hint about it. */
  private void learnHintRate(Change c) {
    Hyp h = c.applied;
    if (h == null || h.shopper == null || h.post < 0.9) {
      return;
    }
    ShopperState s = shoppers.get(h.shopper);
    if (s == null) {
      return;
    }
    boolean had = false;
    if (s.vision != null) {
      for (ReplayEvent.Vision v : s.vision) {
        if (v.shelf().equals(c.lane.lane.shelf()) && v.t() >= c.t0 - 1000 && v.t() <= c.t1 + 2000) {
          had = true;
          break;
        }
      }
    }
    hintChecked++;
    if (had) {
      hintSeen++;
    }
  }

  private double scan(ShopperState s, Change c, Hyp items) {
    if (s.scans == null) {
      return 0;
    }
    SkuId primary = items.primary();
    double out = 0;
    for (ReplayEvent.Scan sc : s.scans) {
      if (sc.t() < c.t0 - 3000 || sc.t() > c.t1 + config.revisionMillis()) {
        continue;
      }
      SkuId sku = skuByGtin.get(sc.gtin());
      if (sku != null && sku.equals(primary)) {
        return Math.log(20);
      }
      out = Math.log(0.6);
    }
    return out;
  }

  private void evaluateBaseline(Change c) {
    Lane lane = c.lane.lane;
    ShopperState best = null;
    double bestD = Double.POSITIVE_INFINITY;
    for (ShopperState s : shoppers.values()) {
      if (!s.present(c.t1, c.t1) || s.done) {
        continue;
      }
      double d = Double.POSITIVE_INFINITY;
      if (s.hasTrack()) {
        for (int k = s.tSize - 1; k >= 0; k--) {
          int i = (s.tHead + k) % s.tt.length;
          if (s.tt[i] <= c.t1) {
            d = Math.hypot(s.tx[i] - lane.x(), s.ty[i] - lane.y());
            break;
          }
        }
      } else {
        ShopperState.NearRing ring = s.near(lane.shelf());
        if (ring != null) {
          for (int k = ring.size - 1; k >= 0; k--) {
            int i = ring.index(k);
            if (ring.t[i] <= c.t1 && ring.t[i] >= c.t1 - 2000) {
              d = ring.m[i];
              break;
            }
          }
        }
      }
      if (d < bestD) {
        bestD = d;
        best = s;
      }
    }
    if (best == null) {
      return;
    }
    double grams = Math.abs(c.delta);
    SkuId sku = lane.sku();
    if (c.delta > 0) {
      double bestFit = Double.POSITIVE_INFINITY;
      for (SkuId k : best.cart.keySet()) {
        if (best.count(k) <= 0) {
          continue;
        }
        double[] w = skuWeight.get(k);
        double fit = Math.abs(grams - Math.round(grams / w[0]) * w[0]) / w[0];
        if (fit < bestFit || (fit == bestFit && k.equals(lane.sku()))) {
          bestFit = fit;
          sku = k;
        }
      }
    }
    double unit = skuWeight.get(sku)[0];
    int n = (int) Math.max(1, Math.min(config.maxUnitsPerChange(), Math.round(grams / unit)));
    Hyp h = new Hyp(best.id, new SkuId[] {sku}, new int[] {c.delta < 0 ? n : -n}, 0);
    apply(c, h);
    c.fin = true;
  }

  /** How well a change of {@code delta} grams fits whole units, in standard deviations. */
  private double fitZ(LaneState lane, double delta) {
    double g = Math.abs(delta);
    double base = sq(2.0 + 1.5 * lane.segmenter.noise());
    double best = Double.POSITIVE_INFINITY;
    List<double[]> units = new ArrayList<>();
    if (delta < 0) {
      units.add(skuWeight.get(lane.lane.sku()));
      for (SkuId k : lane.misplaced.keySet()) {
        units.add(skuWeight.get(k));
      }
    } else {
      units.addAll(skuWeight.values());
    }
    for (double[] w : units) {
      if (w == null) {
        continue;
      }
      for (int n = 1; n <= config.maxUnitsPerChange(); n++) {
        best = Math.min(best, Math.abs(g - n * w[0]) / Math.sqrt(n * w[1] * w[1] + base));
      }
    }
    return best;
  }

  private static double sq(double x) {
    return x * x;
  }

  // ---------------------------------------------------------------- state

  /** One lane: its definition, segmenter and the misplaced items it holds. */
  static final class LaneState {
    Lane lane;
    final LaneSegmenter segmenter;
    final Map<SkuId, Integer> misplaced = new TreeMap<>();
    @Nullable Change last;
    double residual;
    long residualT;

    LaneState(Lane lane, LaneSegmenter segmenter) {
      this.lane = lane;
      this.segmenter = segmenter;
    }
  }

  /** One settled weight change and how it is explained. */
  static final class Change {
    final LaneState lane;
    final long t0;
    final long t1;
    final double delta;
    final long seq;
    List<Hyp> hyps = List.of();

    /** Per shopper, the probability this change leaves them with other items (see joint). */
    Map<ShopperId, Double> wrong = Map.of();

    /** Per shopper, the doubt already charged for the group of changes this one was decided in. */
    final Map<ShopperId, Double> precharged = new LinkedHashMap<>(2);

    @Nullable Hyp best;
    @Nullable Hyp applied;
    boolean fin;
    long epoch = -1;

    Change(LaneState lane, long t0, long t1, double delta, long seq) {
      this.lane = lane;
      this.t0 = t0;
      this.t1 = t1;
      this.delta = delta;
      this.seq = seq;
    }

    boolean unexplained() {
      return applied == null || applied.shopper == null;
    }
  }

  /** One explanation: who (null: nobody, the weight is unexplained) and which items. */
  static final class Hyp {
    final @Nullable ShopperId shopper;
    final SkuId[] skus;
    final int[] qty;
    final double score;
    double post;

    Hyp(@Nullable ShopperId shopper, SkuId[] skus, int[] qty, double score) {
      this.shopper = shopper;
      this.skus = skus;
      this.qty = qty;
      this.score = score;
    }

    @Nullable SkuId primary() {
      SkuId p = null;
      int best = 0;
      for (int i = 0; i < skus.length; i++) {
        if (Math.abs(qty[i]) > best) {
          best = Math.abs(qty[i]);
          p = skus[i];
        }
      }
      return p;
    }

    boolean sameItems(@Nullable Hyp o) {
      if (o == null) {
        return skus.length == 0;
      }
      Map<SkuId, Integer> a = new TreeMap<>();
      Map<SkuId, Integer> b = new TreeMap<>();
      for (int i = 0; i < skus.length; i++) {
        a.merge(skus[i], qty[i], Integer::sum);
      }
      for (int i = 0; i < o.skus.length; i++) {
        b.merge(o.skus[i], o.qty[i], Integer::sum);
      }
      return a.equals(b);
    }
  }
}
