package io.ambientretail.testing.fusion;

import io.ambientretail.core.Gtin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The simulation behind {@link FusionScenario#generate()}: shoppers walking a three-shelf store,
 * picking and putting with the physics of load cells (unit weight spread, noise, drift, hands,
 * bounces), noisy tracking with dropouts, fallible vision and scans; the truth is what each shopper
 * really leaves with.
 */
final class StoreSimulation {
  private static final int SHELVES = 3;
  private static final int LANES_PER_SHELF = 8;
  private static final double LANE_SPACING = 0.35;
  private static final double AISLE = 2.5;
  private static final long READ_MS = 100;
  private static final long TRACK_MS = 200;
  private static final double[] UNIT_GRAMS = {
    330, 334, 500, 505, 45, 48, 250, 120, 75, 180, 600, 90, 55, 400, 410, 150, 200, 208, 35, 700,
    95, 60, 140, 320, 80, 360, 265, 115
  };

  private final FusionScenario sc;
  private final Random rnd;
  private final Params p;
  private final List<Ev> out = new ArrayList<>();
  private final EnumMap<Situation, Integer> counts = new EnumMap<>(Situation.class);
  private final List<LaneSim> lanes = new ArrayList<>();
  private final List<Shopper> shoppers = new ArrayList<>();
  private final List<String> skus = new ArrayList<>();
  private final List<Double> skuGrams = new ArrayList<>();
  private final List<Misplaced> misplacedLanes = new ArrayList<>();
  private long seq;

  StoreSimulation(FusionScenario sc) {
    this.sc = sc;
    this.rnd = new Random(sc.seed() * 7919 + sc.mix().ordinal());
    this.p = Params.of(sc.mix());
  }

  // ------------------------------------------------------------------ parameters

  private static final class Params {
    double arrivalMs;
    double pNeighbours;
    double pFewApart;
    double pBehind;
    double pPutBack;
    double pWrongLane;
    double pMisplacedPick;
    double pTwoLanes;
    double pHandRest;
    double pBounce;
    double pScanner;
    double noise;
    double driftPerMin;
    double spikeRate;
    double trackNoise;
    double dropoutPerS;
    double dropoutMaxS;
    double pVision;
    double pVisionWrong;
    double pVisionWrongShopper;
    int planogramChanges;

    static Params of(FusionMix mix) {
      Params p = new Params();
      switch (mix) {
        case EASY:
          p.arrivalMs = 20_000;
          p.pPutBack = 0.05;
          p.pWrongLane = 0.0;
          p.pBounce = 0.3;
          p.pScanner = 0.1;
          p.noise = 1.0;
          p.driftPerMin = 0.3;
          p.trackNoise = 0.05;
          p.dropoutPerS = 0.0;
          p.pVision = 0.95;
          p.pVisionWrong = 0.02;
          break;
        case BUSY:
          // The busy mix: overlapping shoppers (a few lanes apart, one behind the other),
          // put-backs into their own lane, bounces, multi-item picks. Adjacent-lane neighbours
          // picking at the same moment, misplaced items, wrong vision, dropouts and drift are the
          // hard mix's.
          p.arrivalMs = 6_000;
          p.pFewApart = 0.15;
          p.pBehind = 0.10;
          p.pPutBack = 0.15;
          p.pTwoLanes = 0.04;
          p.pHandRest = 0.10;
          p.pBounce = 0.6;
          p.pScanner = 0.15;
          p.noise = 1.5;
          p.driftPerMin = 0.3;
          p.trackNoise = 0.08;
          p.dropoutPerS = 0.01;
          p.dropoutMaxS = 1.0;
          p.pVision = 0.85;
          p.pVisionWrong = 0.03;
          p.planogramChanges = 1;
          break;
        default:
          p.arrivalMs = 5_000;
          p.pNeighbours = 0.30;
          p.pFewApart = 0.15;
          p.pBehind = 0.12;
          p.pPutBack = 0.15;
          p.pWrongLane = 0.5;
          p.pMisplacedPick = 0.7;
          p.pTwoLanes = 0.06;
          p.pHandRest = 0.25;
          p.pBounce = 0.6;
          p.pScanner = 0.15;
          p.noise = 2.5;
          p.driftPerMin = 3.0;
          p.spikeRate = 0.002;
          p.trackNoise = 0.15;
          p.dropoutPerS = 0.06;
          p.dropoutMaxS = 3.0;
          p.pVision = 0.7;
          p.pVisionWrong = 0.15;
          p.pVisionWrongShopper = 0.10;
          p.planogramChanges = 2;
          break;
      }
      return p;
    }
  }

  // ------------------------------------------------------------------ model

  private static final class Item {
    final int sku;
    final double grams;

    Item(int sku, double grams) {
      this.sku = sku;
      this.grams = grams;
    }
  }

  private static final class LaneSim {
    final String id;
    final String shelf;
    final int shelfIndex;
    final double x;
    final double y;
    int sku;
    double levelGrams;
    final List<Double> stock = new ArrayList<>();
    final List<Item> misplaced = new ArrayList<>();
    final List<long[]> busy = new ArrayList<>();
    final List<double[]> steps = new ArrayList<>();
    final List<double[]> hands = new ArrayList<>();
    final List<double[]> bounces = new ArrayList<>();
    double drift;
    long phase;

    LaneSim(String id, String shelf, int shelfIndex, double x, double y) {
      this.id = id;
      this.shelf = shelf;
      this.shelfIndex = shelfIndex;
      this.x = x;
      this.y = y;
    }
  }

  /** An item put into a wrong lane, waiting for a later shopper to pick it. */
  private static final class Misplaced {
    final LaneSim lane;
    final Item item;
    final long putAt;

    Misplaced(LaneSim lane, Item item, long putAt) {
      this.lane = lane;
      this.item = item;
      this.putAt = putAt;
    }
  }

  private static final class Shopper {
    final String id;
    final List<double[]> keys = new ArrayList<>();
    final List<Item> cart = new ArrayList<>();
    long enter;
    long exit;
    long t;
    double x;
    double y;
    boolean scanner;

    Shopper(String id) {
      this.id = id;
    }

    void at(long time, double nx, double ny) {
      keys.add(new double[] {time, nx, ny});
      t = time;
      x = nx;
      y = ny;
    }

    double[] pos(long time) {
      if (time <= keys.get(0)[0]) {
        return new double[] {keys.get(0)[1], keys.get(0)[2]};
      }
      for (int i = 1; i < keys.size(); i++) {
        double[] b = keys.get(i);
        if (time <= b[0]) {
          double[] a = keys.get(i - 1);
          double f = b[0] == a[0] ? 1 : (time - a[0]) / (b[0] - a[0]);
          return new double[] {a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])};
        }
      }
      double[] l = keys.get(keys.size() - 1);
      return new double[] {l[1], l[2]};
    }
  }

  private static final class Ev {
    final long t;
    final long seq;
    final String line;

    Ev(long t, long seq, String line) {
      this.t = t;
      this.seq = seq;
      this.line = line;
    }
  }

  // ------------------------------------------------------------------ run

  GeneratedDay run() {
    buildStore();
    long t = 2_000;
    List<Long> changeTimes = new ArrayList<>();
    int target = sc.shoppers();
    long approxEnd = (long) (target * p.arrivalMs);
    for (int i = 0; i < p.planogramChanges; i++) {
      changeTimes.add((long) (approxEnd * (i + 1) / (p.planogramChanges + 1.0)));
    }
    while (shoppers.size() < target) {
      t += (long) (-Math.log(1 - rnd.nextDouble()) * p.arrivalMs) + 200;
      while (!changeTimes.isEmpty() && changeTimes.get(0) <= t) {
        planogramChange(changeTimes.remove(0));
      }
      double r = rnd.nextDouble();
      int left = target - shoppers.size();
      if (left >= 2 && r < p.pNeighbours) {
        neighbours(t);
      } else if (left >= 2 && r < p.pNeighbours + p.pFewApart) {
        fewApart(t, Math.min(left, rnd.nextDouble() < 0.3 ? 3 : 2));
      } else if (left >= 2 && r < p.pNeighbours + p.pFewApart + p.pBehind) {
        behind(t);
      } else {
        solo(t);
      }
    }
    long end = 0;
    for (Shopper s : shoppers) {
      end = Math.max(end, s.exit);
    }
    end += 5_000;
    renderTracks();
    renderWeights(end);
    out.sort(Comparator.comparingLong((Ev e) -> e.t).thenComparingLong(e -> e.seq));
    List<String> events = new ArrayList<>(out.size() + lanes.size());
    for (Ev e : out) {
      events.add(e.line);
    }
    return new GeneratedDay(events, truth(), counts);
  }

  private void count(Situation s) {
    counts.merge(s, 1, Integer::sum);
  }

  private void emit(long t, String line) {
    out.add(new Ev(t, seq++, line));
  }

  private void buildStore() {
    List<Double> grams = new ArrayList<>();
    for (double g : UNIT_GRAMS) {
      grams.add(g);
    }
    int n = SHELVES * LANES_PER_SHELF;
    for (int i = 0; i < n + 8; i++) {
      double g = i < grams.size() ? grams.get(i) : 40 + rnd.nextInt(600);
      skuGrams.add(g);
      String body = "0" + "5012345" + String.format(java.util.Locale.ROOT, "%05d", 100 + i);
      skus.add(body + Gtin.checkDigit(body, 13));
    }
    int k = 0;
    for (int s = 0; s < SHELVES; s++) {
      for (int l = 0; l < LANES_PER_SHELF; l++) {
        LaneSim lane =
            new LaneSim(
                "S" + (s + 1) + "-L" + (l + 1), "S" + (s + 1), s, l * LANE_SPACING, s * AISLE);
        lane.sku = k++;
        lane.levelGrams = 800 + rnd.nextInt(400);
        for (int u = 0; u < 40; u++) {
          double w = unit(lane.sku);
          lane.stock.add(w);
          lane.levelGrams += w;
        }
        lane.drift = (rnd.nextDouble() * 2 - 1) * p.driftPerMin / 60_000.0;
        lane.phase = rnd.nextInt((int) READ_MS);
        lanes.add(lane);
        emit(0, laneLine(0, lane));
      }
    }
  }

  private String laneLine(long t, LaneSim lane) {
    return "{\"v\":1,\"t\":"
        + t
        + ",\"type\":\"lane\",\"lane\":\""
        + lane.id
        + "\",\"shelf\":\""
        + lane.shelf
        + "\",\"sku\":\""
        + skus.get(lane.sku)
        + "\",\"unitGrams\":"
        + skuGrams.get(lane.sku)
        + ",\"gramsStd\":"
        + std(lane.sku)
        + ",\"x\":"
        + r3(lane.x)
        + ",\"y\":"
        + r3(lane.y)
        + "}";
  }

  private double std(int sku) {
    return Math.min(4.0, Math.max(1.0, Math.round(skuGrams.get(sku) * 0.006 * 10) / 10.0));
  }

  private double unit(int sku) {
    return skuGrams.get(sku) + rnd.nextGaussian() * std(sku);
  }

  // ------------------------------------------------------------------ episodes

  private Shopper newShopper(long t) {
    Shopper s = new Shopper("p" + (shoppers.size() + 1));
    shoppers.add(s);
    s.enter = t;
    s.at(t, -1.5 + rnd.nextGaussian() * 0.1, -1.0);
    s.scanner = rnd.nextDouble() < p.pScanner;
    emit(t, "{\"v\":1,\"t\":" + t + ",\"type\":\"enter\",\"shopper\":\"" + s.id + "\"}");
    return s;
  }

  private LaneSim randomLane() {
    return lanes.get(rnd.nextInt(lanes.size()));
  }

  private double[] stand(LaneSim lane, double extraDepth) {
    return new double[] {
      lane.x + rnd.nextGaussian() * 0.05, lane.y + 0.35 + rnd.nextDouble() * 0.2 + extraDepth
    };
  }

  private long walkTo(Shopper s, double[] to) {
    double d = Math.hypot(to[0] - s.x, to[1] - s.y);
    long arrive = s.t + (long) (d / (0.8 + rnd.nextDouble() * 0.5) * 1000) + 1;
    s.at(arrive, to[0], to[1]);
    return arrive;
  }

  private long free(LaneSim lane, long t, long dur) {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (long[] b : lane.busy) {
        if (t < b[1] + 2500 && t + dur + 2500 > b[0]) {
          t = b[1] + 2500;
          moved = true;
        }
      }
    }
    return t;
  }

  private void stay(Shopper s, long until) {
    if (until > s.t) {
      s.at(until, s.x, s.y);
    }
  }

  /** One visit: walk to the lane (waiting behind whoever stands there), act, linger. */
  private void visit(Shopper s, LaneSim lane) {
    long dur = 600 + rnd.nextInt(800);
    long ta = approach(s, lane, dur);
    if (rnd.nextDouble() < p.pTwoLanes) {
      LaneSim other = neighbourOf(lane);
      if (other != null) {
        long tb = free(other, ta, dur);
        if (tb == ta) {
          count(Situation.TWO_LANES_AT_ONCE);
          pick(s, other, ta + rnd.nextInt(150), dur, null);
        }
      }
    }
    pick(s, lane, ta, dur, null);
    stay(s, ta + dur + 200 + rnd.nextInt(800));
    lane.busy.add(new long[] {ta, s.t});
  }

  /**
   * Walks to the lane; when someone is using it, waits behind them first. Returns when the hand
   * goes in.
   */
  private long approach(Shopper s, LaneSim lane, long dur) {
    double[] to = stand(lane, 0);
    double d = Math.hypot(to[0] - s.x, to[1] - s.y);
    long arrive = s.t + (long) (d / 1.0 * 1000) + 1;
    long want = arrive + 300 + rnd.nextInt(1200);
    long ta = free(lane, want, dur);
    if (ta > want) {
      count(Situation.ONE_BEHIND_THE_OTHER);
      walkTo(
          s, new double[] {to[0] + rnd.nextGaussian() * 0.1, to[1] + 0.6 + rnd.nextDouble() * 0.3});
      stay(s, ta - 900);
    }
    walkTo(s, to);
    return Math.max(ta, s.t + 300);
  }

  /**
   * For a shopper already standing at the lane who wants to reach in at {@code planned}: when
   * someone else is using the lane then, steps back behind them and comes forward once it is free,
   * as people do. Returns when the hand goes in.
   */
  private long waitTurn(Shopper s, LaneSim lane, long planned, long dur) {
    long ta = free(lane, planned, dur);
    if (ta == planned) {
      return ta;
    }
    count(Situation.ONE_BEHIND_THE_OTHER);
    double[] front = {s.x, s.y};
    walkTo(
        s,
        new double[] {
          front[0] + rnd.nextGaussian() * 0.1, front[1] + 0.6 + rnd.nextDouble() * 0.3
        });
    stay(s, ta - 900);
    walkTo(s, front);
    return Math.max(ta, s.t + 300);
  }

  private LaneSim neighbourOf(LaneSim lane) {
    int i = lanes.indexOf(lane);
    int idx = i % LANES_PER_SHELF;
    if (idx + 1 < LANES_PER_SHELF) {
      return lanes.get(i + 1);
    }
    return idx > 0 ? lanes.get(i - 1) : null;
  }

  private void maybeMisplacedPick(Shopper s) {
    if (misplacedLanes.isEmpty() || rnd.nextDouble() > p.pMisplacedPick) {
      return;
    }
    Misplaced entry = null;
    for (Misplaced e : misplacedLanes) {
      if (e.putAt + 8000 <= s.t) {
        entry = e;
        break;
      }
    }
    if (entry == null) {
      return;
    }
    misplacedLanes.remove(entry);
    LaneSim lane = entry.lane;
    Item item = entry.item;
    if (!lane.misplaced.contains(item)) {
      return;
    }
    long dur = 600 + rnd.nextInt(800);
    long ta = free(lane, approach(s, lane, dur), dur);
    count(Situation.MISPLACED_PICK);
    pick(s, lane, ta, dur, item);
    stay(s, ta + dur + 300 + rnd.nextInt(600));
    lane.busy.add(new long[] {ta, s.t});
  }

  private void continueAlone(Shopper s, int visits) {
    for (int i = 0; i < visits; i++) {
      visit(s, randomLane());
      if (!s.cart.isEmpty() && rnd.nextDouble() < p.pPutBack) {
        putBack(s);
      }
    }
    maybeMisplacedPick(s);
    leave(s);
  }

  private void solo(long t) {
    Shopper s = newShopper(t);
    maybeMisplacedPick(s);
    continueAlone(s, 1 + rnd.nextInt(3));
  }

  private void neighbours(long t) {
    Shopper a = newShopper(t);
    Shopper b = newShopper(t + rnd.nextInt(1500));
    int shelf = rnd.nextInt(SHELVES);
    int i = rnd.nextInt(LANES_PER_SHELF - 1);
    LaneSim la = lanes.get(shelf * LANES_PER_SHELF + i);
    LaneSim lb = lanes.get(shelf * LANES_PER_SHELF + i + 1);
    if (rnd.nextBoolean()) {
      LaneSim tmp = la;
      la = lb;
      lb = tmp;
    }
    walkTo(a, stand(la, 0));
    walkTo(b, stand(lb, 0));
    long dur = 700 + rnd.nextInt(600);
    long planned = Math.max(a.t, b.t) + 300 + rnd.nextInt(800);
    long ta = free(lb, free(la, planned, dur), dur);
    ta = free(la, ta, dur);
    if (ta > planned) {
      // Someone is using one of the lanes: both wait a step back until it is free.
      for (Shopper s : List.of(a, b)) {
        double[] front = {s.x, s.y};
        walkTo(s, new double[] {front[0], front[1] + 0.6 + rnd.nextDouble() * 0.3});
        stay(s, ta - 900);
        walkTo(s, front);
      }
      ta = Math.max(ta, Math.max(a.t, b.t) + 300);
    }
    long tb = ta + rnd.nextInt(400);
    count(Situation.NEIGHBOURS_AT_ONCE);
    pick(a, la, ta, dur, null);
    pick(b, lb, tb, dur, null);
    stay(a, ta + dur + 300 + rnd.nextInt(700));
    stay(b, tb + dur + 300 + rnd.nextInt(700));
    continueAlone(a, rnd.nextInt(2));
    continueAlone(b, rnd.nextInt(3));
  }

  private void fewApart(long t, int n) {
    int shelf = rnd.nextInt(SHELVES);
    List<Shopper> group = new ArrayList<>();
    List<LaneSim> at = new ArrayList<>();
    int start = rnd.nextInt(2);
    for (int k = 0; k < n; k++) {
      group.add(newShopper(t + rnd.nextInt(2000)));
      int idx = Math.min(LANES_PER_SHELF - 1, start + k * (2 + rnd.nextInt(2)));
      at.add(lanes.get(shelf * LANES_PER_SHELF + idx));
    }
    long ta = 0;
    for (int k = 0; k < n; k++) {
      walkTo(group.get(k), stand(at.get(k), 0));
      ta = Math.max(ta, group.get(k).t);
    }
    count(Situation.FEW_LANES_APART);
    for (int k = 0; k < n; k++) {
      Shopper s = group.get(k);
      long dur = 600 + rnd.nextInt(800);
      long when = waitTurn(s, at.get(k), Math.max(s.t, ta) + 200 + rnd.nextInt(1500), dur);
      pick(s, at.get(k), when, dur, null);
      stay(s, when + dur + 300 + rnd.nextInt(700));
    }
    for (Shopper s : group) {
      continueAlone(s, rnd.nextInt(3));
    }
  }

  private void behind(long t) {
    Shopper a = newShopper(t);
    Shopper b = newShopper(t + 500 + rnd.nextInt(1000));
    LaneSim lane = randomLane();
    walkTo(a, stand(lane, 0));
    double[] back = stand(lane, 0.5 + rnd.nextDouble() * 0.3);
    walkTo(b, back);
    long dur = 600 + rnd.nextInt(800);
    long ta = free(lane, Math.max(a.t, b.t) + 300 + rnd.nextInt(800), dur);
    count(Situation.ONE_BEHIND_THE_OTHER);
    pick(a, lane, ta, dur, null);
    stay(a, ta + dur + 300);
    stay(b, ta + dur + 300);
    continueAlone(a, rnd.nextInt(2));
    walkTo(b, stand(lane, 0));
    long tb = waitTurn(b, lane, b.t + 400 + rnd.nextInt(800), dur);
    pick(b, lane, tb, dur, null);
    stay(b, tb + dur + 300);
    continueAlone(b, rnd.nextInt(2));
  }

  private void putBack(Shopper s) {
    Item item = s.cart.get(rnd.nextInt(s.cart.size()));
    List<Item> items = new ArrayList<>();
    items.add(item);
    for (Item o : s.cart) {
      if (o != item && o.sku == item.sku && items.size() < 2 && rnd.nextDouble() < 0.4) {
        items.add(o);
      }
    }
    LaneSim home = null;
    for (LaneSim l : lanes) {
      if (l.sku == item.sku) {
        home = l;
      }
    }
    LaneSim target = home;
    boolean wrong = home == null || rnd.nextDouble() < p.pWrongLane;
    if (wrong) {
      LaneSim similar = null;
      for (LaneSim l : lanes) {
        if (l.sku != item.sku && Math.abs(skuGrams.get(l.sku) - skuGrams.get(item.sku)) < 15) {
          similar = l;
        }
      }
      if (similar != null && rnd.nextDouble() < 0.4) {
        target = similar;
        count(Situation.SIMILAR_WEIGHT_WRONG_LANE);
      } else {
        do {
          target = randomLane();
        } while (target.sku == item.sku);
      }
      count(Situation.PUT_BACK_WRONG_LANE);
    } else {
      count(Situation.PUT_BACK_RIGHT_LANE);
    }
    if (items.size() > 1) {
      count(Situation.MULTI_ITEM_PUT);
    }
    long dur = 600 + rnd.nextInt(800);
    long ta = free(target, approach(s, target, dur), dur);
    double grams = 0;
    for (Item i : items) {
      s.cart.remove(i);
      grams += i.grams;
      if (target.sku == i.sku) {
        target.stock.add(i.grams);
      } else {
        target.misplaced.add(i);
      }
    }
    if (wrong) {
      misplacedLanes.add(new Misplaced(target, item, ta + dur));
    }
    act(s, target, ta, dur, grams, true, item.sku);
    stay(s, ta + dur + 300 + rnd.nextInt(600));
    target.busy.add(new long[] {ta, s.t});
  }

  private void pick(Shopper s, LaneSim lane, long ta, long dur, Item misplacedItem) {
    double grams = 0;
    int sku;
    if (misplacedItem != null) {
      lane.misplaced.remove(misplacedItem);
      s.cart.add(misplacedItem);
      grams = misplacedItem.grams;
      sku = misplacedItem.sku;
    } else {
      double r = rnd.nextDouble();
      int n = r < 0.78 ? 1 : r < 0.95 ? 2 : 3;
      if (n > 1) {
        count(Situation.MULTI_ITEM_PICK);
      }
      sku = lane.sku;
      for (int i = 0; i < n; i++) {
        if (lane.stock.size() < 5) {
          for (int u = 0; u < 20; u++) {
            double w = unit(lane.sku);
            lane.stock.add(w);
          }
        }
        double w = lane.stock.remove(lane.stock.size() - 1);
        s.cart.add(new Item(lane.sku, w));
        grams += w;
      }
    }
    act(s, lane, ta, dur, grams, false, sku);
    if (s.scanner) {
      count(Situation.SCAN);
      long ts = ta + dur + 500 + rnd.nextInt(1500);
      emit(
          ts,
          "{\"v\":1,\"t\":"
              + ts
              + ",\"type\":\"scan\",\"shopper\":\""
              + s.id
              + "\",\"gtin\":\""
              + skus.get(sku)
              + "\"}");
    }
  }

  /** The weight physics and the vision hint of one pick or put. */
  private void act(Shopper s, LaneSim lane, long ta, long dur, double grams, boolean put, int sku) {
    lane.busy.add(new long[] {ta, ta + dur});
    long tStep = ta + dur / 2;
    lane.steps.add(new double[] {tStep, put ? grams : -grams});
    lane.hands.add(new double[] {ta, ta + dur, 0, 6});
    if (rnd.nextDouble() < p.pHandRest) {
      count(Situation.HAND_REST);
      long rest = 400 + rnd.nextInt(1200);
      lane.hands.add(new double[] {ta, ta + rest, 80 + rnd.nextInt(320), 15 + rnd.nextInt(10)});
      lane.busy.add(new long[] {ta, ta + rest});
    }
    if (put || rnd.nextDouble() < p.pBounce * 0.5) {
      if (rnd.nextDouble() < p.pBounce) {
        count(Situation.BOUNCE);
        lane.bounces.add(new double[] {ta + dur, 30 + rnd.nextInt(90)});
      }
    }
    if (!sc.vision()) {
      return;
    }
    if (rnd.nextDouble() > p.pVision) {
      count(Situation.VISION_MISSING);
      return;
    }
    String who = s.id;
    if (rnd.nextDouble() < p.pVisionWrongShopper) {
      Shopper other = nearestOther(s, ta);
      if (other != null) {
        who = other.id;
        count(Situation.VISION_WRONG_SHOPPER);
      }
    }
    int top = sku;
    if (rnd.nextDouble() < p.pVisionWrong) {
      count(Situation.VISION_WRONG_SKU);
      do {
        top = rnd.nextInt(skus.size());
      } while (top == sku);
    }
    double p1 = 0.55 + rnd.nextDouble() * 0.4;
    StringBuilder c = new StringBuilder();
    c.append("[{\"sku\":\"").append(skus.get(top)).append("\",\"p\":").append(r3(p1)).append('}');
    int second = top == sku ? (sku + 1 + rnd.nextInt(skus.size() - 1)) % skus.size() : sku;
    c.append(",{\"sku\":\"")
        .append(skus.get(second))
        .append("\",\"p\":")
        .append(r3((1 - p1) * (0.3 + rnd.nextDouble() * 0.6)))
        .append("}]");
    long tv = ta + dur + rnd.nextInt(600);
    emit(
        tv,
        "{\"v\":1,\"t\":"
            + tv
            + ",\"type\":\"vision\",\"shopper\":\""
            + who
            + "\",\"shelf\":\""
            + lane.shelf
            + "\",\"action\":\""
            + (put ? "put" : "pick")
            + "\",\"candidates\":"
            + c
            + "}");
  }

  private Shopper nearestOther(Shopper s, long t) {
    double[] me = s.pos(t);
    Shopper best = null;
    double bestD = 4.0;
    for (Shopper o : shoppers) {
      if (o == s || o.enter > t || (o.exit > 0 && o.exit < t)) {
        continue;
      }
      double[] q = o.pos(t);
      double d = Math.hypot(q[0] - me[0], q[1] - me[1]);
      if (d < bestD) {
        bestD = d;
        best = o;
      }
    }
    return best;
  }

  private void leave(Shopper s) {
    walkTo(s, new double[] {-1.5, -1.0});
    s.exit = s.t + 500;
    s.at(s.exit, -1.5, -1.0);
    emit(s.exit, "{\"v\":1,\"t\":" + s.exit + ",\"type\":\"exit\",\"shopper\":\"" + s.id + "\"}");
  }

  private void planogramChange(long t) {
    LaneSim lane = null;
    for (int tries = 0; tries < 50 && lane == null; tries++) {
      LaneSim l = randomLane();
      if (free(l, t, 6000) == t) {
        lane = l;
      }
    }
    if (lane == null) {
      return;
    }
    count(Situation.PLANOGRAM_CHANGE);
    int newSku = SHELVES * LANES_PER_SHELF + rnd.nextInt(8);
    double removed = 0;
    for (double w : lane.stock) {
      removed += w;
    }
    for (Item i : lane.misplaced) {
      removed += i.grams;
    }
    lane.stock.clear();
    lane.misplaced.clear();
    final LaneSim cleared = lane;
    misplacedLanes.removeIf(e -> e.lane == cleared);
    lane.sku = newSku;
    double added = 0;
    for (int u = 0; u < 30; u++) {
      double w = unit(newSku);
      lane.stock.add(w);
      added += w;
    }
    lane.busy.add(new long[] {t, t + 6000});
    lane.steps.add(new double[] {t + 1000, -removed});
    lane.steps.add(new double[] {t + 3000, added});
    lane.hands.add(new double[] {t + 500, t + 3500, 0, 30});
    emit(t, laneLine(t, lane));
  }

  // ------------------------------------------------------------------ rendering

  private void renderTracks() {
    for (Shopper s : shoppers) {
      long dropUntil = -1;
      long[] shelfNext = new long[SHELVES];
      for (long t = s.enter + 50; t < s.exit; t += TRACK_MS + rnd.nextInt(40) - 20) {
        double[] q = s.pos(t);
        if (sc.tracked()) {
          if (t < dropUntil) {
            continue;
          }
          if (p.dropoutPerS > 0 && rnd.nextDouble() < p.dropoutPerS * TRACK_MS / 1000.0) {
            dropUntil = t + 300 + (long) (rnd.nextDouble() * p.dropoutMaxS * 1000);
            count(Situation.TRACK_DROPOUT);
            continue;
          }
          emit(
              t,
              "{\"v\":1,\"t\":"
                  + t
                  + ",\"type\":\"track\",\"shopper\":\""
                  + s.id
                  + "\",\"x\":"
                  + r3(q[0] + rnd.nextGaussian() * p.trackNoise)
                  + ",\"y\":"
                  + r3(q[1] + rnd.nextGaussian() * p.trackNoise)
                  + "}");
        } else {
          for (int k = 0; k < SHELVES; k++) {
            double dy = q[1] - k * AISLE;
            boolean within =
                dy > -0.3
                    && dy < 1.2
                    && q[0] > -0.5
                    && q[0] < (LANES_PER_SHELF - 1) * LANE_SPACING + 0.5;
            if (within && t >= shelfNext[k]) {
              shelfNext[k] = t + 600 + rnd.nextInt(300);
              emit(
                  t,
                  "{\"v\":1,\"t\":"
                      + t
                      + ",\"type\":\"near\",\"shopper\":\""
                      + s.id
                      + "\",\"shelf\":\"S"
                      + (k + 1)
                      + "\",\"metres\":"
                      + r3(Math.max(0, Math.abs(dy) + rnd.nextGaussian() * 0.1))
                      + "}");
            }
          }
        }
      }
    }
  }

  private void renderWeights(long end) {
    for (LaneSim lane : lanes) {
      lane.steps.sort(Comparator.comparingDouble(a -> a[0]));
      int next = 0;
      double level = lane.levelGrams;
      for (long t = lane.phase; t < end; t += READ_MS) {
        while (next < lane.steps.size() && lane.steps.get(next)[0] <= t) {
          level += lane.steps.get(next)[1];
          next++;
        }
        double g = level + lane.drift * t + rnd.nextGaussian() * p.noise;
        for (double[] h : lane.hands) {
          if (t >= h[0] && t <= h[1]) {
            g += h[2] + rnd.nextGaussian() * h[3];
          }
        }
        for (double[] b : lane.bounces) {
          double dt = (t - b[0]) / 1000.0;
          if (dt >= 0 && dt < 0.8) {
            g += b[1] * Math.exp(-dt / 0.15) * Math.sin(2 * Math.PI * 4 * dt);
          }
        }
        if (p.spikeRate > 0 && rnd.nextDouble() < p.spikeRate) {
          g += (rnd.nextBoolean() ? 1 : -1) * (20 + rnd.nextInt(30));
        }
        emit(
            t,
            "{\"v\":1,\"t\":"
                + t
                + ",\"type\":\"weight\",\"lane\":\""
                + lane.id
                + "\",\"grams\":"
                + Math.round(g * 10) / 10.0
                + "}");
      }
    }
  }

  private List<String> truth() {
    List<String> lines = new ArrayList<>();
    for (Shopper s : shoppers) {
      Map<String, Integer> m = new TreeMap<>();
      for (Item i : s.cart) {
        m.merge(skus.get(i.sku), 1, Integer::sum);
      }
      StringBuilder b = new StringBuilder();
      b.append("{\"type\":\"receipt\",\"shopper\":\"").append(s.id).append("\",\"items\":[");
      boolean first = true;
      for (Map.Entry<String, Integer> e : m.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        b.append("{\"sku\":\"")
            .append(e.getKey())
            .append("\",\"qty\":")
            .append(e.getValue())
            .append('}');
      }
      b.append("],\"confidence\":1.0,\"review\":false}");
      lines.add(b.toString());
    }
    return lines;
  }

  private static double r3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
