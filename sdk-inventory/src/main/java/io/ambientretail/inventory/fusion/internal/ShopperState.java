package io.ambientretail.inventory.fusion.internal;

import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.fusion.ReplayEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** What fusion knows of one shopper: presence, recent positions and hints, and the cart. */
final class ShopperState {
  private static final int TRACK_CAP = 1024;
  private static final int HINT_CAP = 32;

  final ShopperId id;
  final long order;
  long enter;
  long exit = -1;
  boolean done;
  final long[] tt = new long[TRACK_CAP];
  final double[] tx = new double[TRACK_CAP];
  final double[] ty = new double[TRACK_CAP];
  int tHead;
  int tSize;
  final Map<String, NearRing> near = new HashMap<>();
  final ArrayDeque<ReplayEvent.Vision> vision = new ArrayDeque<>();
  final ArrayDeque<ReplayEvent.Scan> scans = new ArrayDeque<>();
  final TreeMap<SkuId, Integer> cart = new TreeMap<>();

  /** SKUs of changes another explanation could account for with material probability. */
  final java.util.TreeSet<SkuId> doubtful = new java.util.TreeSet<>();

  double logConfidence;
  boolean inconsistent;

  ShopperState(ShopperId id, long order, long enter) {
    this.id = id;
    this.order = order;
    this.enter = enter;
  }

  boolean present(long t0, long t1) {
    return enter <= t1 && (exit < 0 || exit >= t0);
  }

  void track(long t, double x, double y) {
    if (tSize == TRACK_CAP) {
      tHead = (tHead + 1) % TRACK_CAP;
      tSize--;
    }
    int i = (tHead + tSize) % TRACK_CAP;
    tt[i] = t;
    tx[i] = x;
    ty[i] = y;
    tSize++;
  }

  boolean hasTrack() {
    return tSize > 0;
  }

  void near(String shelf, long t, double metres) {
    near.computeIfAbsent(shelf, k -> new NearRing()).add(t, metres);
  }

  void hint(ReplayEvent.Vision v) {
    if (vision.size() == HINT_CAP) {
      vision.removeFirst();
    }
    vision.addLast(v);
  }

  void scan(ReplayEvent.Scan s) {
    if (scans.size() == HINT_CAP) {
      scans.removeFirst();
    }
    scans.addLast(s);
  }

  int count(SkuId sku) {
    return cart.getOrDefault(sku, 0);
  }

  void add(SkuId sku, int qty) {
    int n = cart.getOrDefault(sku, 0) + qty;
    if (n == 0) {
      cart.remove(sku);
    } else {
      cart.put(sku, n);
    }
  }

  Map<SkuId, Integer> positiveCart() {
    Map<SkuId, Integer> m = new TreeMap<>();
    cart.forEach(
        (k, v) -> {
          if (v > 0) {
            m.put(k, v);
          }
        });
    return m;
  }

  boolean hasNegative() {
    for (int v : cart.values()) {
      if (v < 0) {
        return true;
      }
    }
    return false;
  }

  /** Recent {@code near} readings of one shelf. */
  static final class NearRing {
    static final int CAP = 64;
    final long[] t = new long[CAP];
    final double[] m = new double[CAP];
    int head;
    int size;

    void add(long time, double metres) {
      if (size == CAP) {
        head = (head + 1) % CAP;
        size--;
      }
      int i = (head + size) % CAP;
      t[i] = time;
      m[i] = metres;
      size++;
    }
  }
}
