package io.ambientretail.benchmarks.fusion;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.ShopperId;
import io.ambientretail.inventory.fusion.Lane;
import io.ambientretail.inventory.fusion.ReplayEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive baseline the benchmarks compare with: a boxed list window per lane whose mean and
 * variance are recomputed from scratch on every reading, and the nearest shopper at the settling
 * reading gets the change.
 */
final class NaiveFusion {
  private final Map<LaneId, Lane> lanes = new HashMap<>();
  private final Map<LaneId, List<double[]>> windows = new HashMap<>();
  private final Map<LaneId, Double> levels = new HashMap<>();
  private final Map<ShopperId, double[]> last = new HashMap<>();
  private final Map<ShopperId, Integer> carts = new HashMap<>();
  int updates;

  void accept(ReplayEvent e) {
    if (e instanceof ReplayEvent.Weight) {
      ReplayEvent.Weight w = (ReplayEvent.Weight) e;
      weight(w.lane(), w.t(), w.grams());
    } else if (e instanceof ReplayEvent.LaneDefined) {
      Lane l = ((ReplayEvent.LaneDefined) e).lane();
      lanes.put(l.id(), l);
    } else if (e instanceof ReplayEvent.Track) {
      ReplayEvent.Track t = (ReplayEvent.Track) e;
      last.put(t.shopper(), new double[] {t.x(), t.y()});
    }
  }

  void weight(LaneId lane, long t, double grams) {
    Lane l = lanes.get(lane);
    if (l == null) {
      return;
    }
    List<double[]> w = windows.computeIfAbsent(lane, k -> new ArrayList<>());
    w.add(new double[] {t, grams});
    w.removeIf(r -> r[0] < t - 500);
    if (w.size() < 3 || t - w.get(0)[0] < 350) {
      return;
    }
    double mean = w.stream().mapToDouble(r -> r[1]).average().orElse(0);
    double var = w.stream().mapToDouble(r -> (r[1] - mean) * (r[1] - mean)).sum() / (w.size() - 1);
    if (var > 9) {
      return;
    }
    Double level = levels.get(lane);
    if (level == null || Math.abs(mean - level) <= 5) {
      levels.put(lane, mean);
      return;
    }
    levels.put(lane, mean);
    int units = (int) Math.round((level - mean) / l.unitGrams());
    ShopperId best = null;
    double bestD = Double.MAX_VALUE;
    for (Map.Entry<ShopperId, double[]> s : last.entrySet()) {
      double d = Math.hypot(s.getValue()[0] - l.x(), s.getValue()[1] - l.y());
      if (d < bestD) {
        bestD = d;
        best = s.getKey();
      }
    }
    if (best != null) {
      carts.merge(best, units, Integer::sum);
      updates++;
    }
  }
}
