package io.ambientretail.inventory.fusion.internal;

import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.fusion.DoubtfulLine;
import io.ambientretail.inventory.fusion.ReplayEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What fusion knows of one shopper: presence, recent positions and hints, and the cart.
 *
 * <p>Small by design: a shopper who only entered costs a few hundred bytes; the track ring starts
 * at {@value #TRACK_INITIAL} samples and doubles up to {@value #TRACK_CAP}, the {@code near} rings
 * grow the same way and are kept for at most {@value #NEAR_SHELVES} shelves, so a replay of 100,000
 * shoppers fits a small heap.
 */
final class ShopperState {
  static final int TRACK_CAP = 1024;
  private static final int TRACK_INITIAL = 16;
  private static final int HINT_CAP = 32;
  static final int NEAR_SHELVES = 32;
  private static final long[] NO_TIMES = new long[0];
  private static final double[] NO_COORDS = new double[0];

  final ShopperId id;
  final long order;
  long enter;
  long exit = -1;
  boolean done;
  long[] tt = NO_TIMES;
  double[] tx = NO_COORDS;
  double[] ty = NO_COORDS;
  int tHead;
  int tSize;

  /** Recent {@code near} readings by shelf, least recently used shelf first; null until one. */
  private @Nullable Map<String, NearRing> near;

  /** Recent vision hints about this shopper, oldest first; null until one. */
  @Nullable ArrayDeque<ReplayEvent.Vision> vision;

  /** Recent scans by this shopper, oldest first; null until one. */
  @Nullable ArrayDeque<ReplayEvent.Scan> scans;

  final TreeMap<SkuId, Integer> cart = new TreeMap<>();

  /** SKUs of changes another explanation could account for with material probability. */
  private @Nullable TreeSet<SkuId> doubtful;

  double logConfidence;

  ShopperState(ShopperId id, long order, long enter) {
    this.id = id;
    this.order = order;
    this.enter = enter;
  }

  boolean present(long t0, long t1) {
    return enter <= t1 && (exit < 0 || exit >= t0);
  }

  void track(long t, double x, double y) {
    if (tSize == tt.length) {
      if (tt.length < TRACK_CAP) {
        growTrack();
      } else {
        tHead = (tHead + 1) % TRACK_CAP;
        tSize--;
      }
    }
    int i = (tHead + tSize) % tt.length;
    tt[i] = t;
    tx[i] = x;
    ty[i] = y;
    tSize++;
  }

  /** Doubles the track ring, keeping the samples in order from index 0. */
  private void growTrack() {
    int cap = tt.length == 0 ? TRACK_INITIAL : Math.min(TRACK_CAP, tt.length * 2);
    long[] nt = new long[cap];
    double[] nx = new double[cap];
    double[] ny = new double[cap];
    for (int k = 0; k < tSize; k++) {
      int i = (tHead + k) % tt.length;
      nt[k] = tt[i];
      nx[k] = tx[i];
      ny[k] = ty[i];
    }
    tt = nt;
    tx = nx;
    ty = ny;
    tHead = 0;
  }

  boolean hasTrack() {
    return tSize > 0;
  }

  void near(String shelf, long t, double metres) {
    if (near == null) {
      near =
          new LinkedHashMap<>(4, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, NearRing> eldest) {
              return size() > NEAR_SHELVES;
            }
          };
    }
    near.computeIfAbsent(shelf, k -> new NearRing()).add(t, metres);
  }

  /** The recent {@code near} readings of {@code shelf}, or null when there are none. */
  @Nullable NearRing near(String shelf) {
    return near == null ? null : near.get(shelf);
  }

  void hint(ReplayEvent.Vision v) {
    if (vision == null) {
      vision = new ArrayDeque<>(4);
    } else if (vision.size() == HINT_CAP) {
      vision.removeFirst();
    }
    vision.addLast(v);
  }

  void scan(ReplayEvent.Scan s) {
    if (scans == null) {
      scans = new ArrayDeque<>(4);
    } else if (scans.size() == HINT_CAP) {
      scans.removeFirst();
    }
    scans.addLast(s);
  }

  /** The lines in doubt, most doubtful first; at most {@value #MAX_LINES} kept. */
  private @Nullable List<DoubtfulLine> lines;

  private static final int MAX_LINES = 8;

  void line(DoubtfulLine d) {
    if (lines == null) {
      lines = new ArrayList<>(2);
    }
    lines.add(d);
    lines.sort(Comparator.comparingDouble((DoubtfulLine x) -> -x.probability()));
    if (lines.size() > MAX_LINES) {
      lines.remove(lines.size() - 1);
    }
  }

  List<DoubtfulLine> lines() {
    return lines == null ? List.of() : List.copyOf(lines);
  }

  boolean hasNear() {
    return near != null && !near.isEmpty();
  }

  void doubt(SkuId sku) {
    if (doubtful == null) {
      doubtful = new TreeSet<>();
    }
    doubtful.add(sku);
  }

  Set<SkuId> doubtful() {
    return doubtful == null ? Set.of() : Set.copyOf(doubtful);
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

  /** Recent {@code near} readings of one shelf: a ring growing from 4 to {@value #CAP} samples. */
  static final class NearRing {
    static final int CAP = 64;
    long[] t = new long[4];
    double[] m = new double[4];
    int head;
    int size;

    /** The ring index of the {@code k}-th oldest sample. */
    int index(int k) {
      return (head + k) % t.length;
    }

    void add(long time, double metres) {
      if (size == t.length) {
        if (t.length < CAP) {
          long[] nt = new long[t.length * 2];
          double[] nm = new double[t.length * 2];
          for (int k = 0; k < size; k++) {
            nt[k] = t[index(k)];
            nm[k] = m[index(k)];
          }
          t = nt;
          m = nm;
          head = 0;
        } else {
          head = (head + 1) % CAP;
          size--;
        }
      }
      int i = (head + size) % t.length;
      t[i] = time;
      m[i] = metres;
      size++;
    }
  }
}
