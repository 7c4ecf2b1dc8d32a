package io.ambientretail.benchmarks.fusion;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.fusion.CartFusion;
import io.ambientretail.inventory.fusion.CartListener;
import io.ambientretail.inventory.fusion.CartUpdate;
import io.ambientretail.inventory.fusion.Lane;
import io.ambientretail.inventory.fusion.Receipt;
import io.ambientretail.inventory.fusion.ReplayEvent;
import io.ambientretail.inventory.fusion.ReplayLimits;
import io.ambientretail.inventory.fusion.ReplayReader;
import io.ambientretail.testing.fusion.FusionMix;
import io.ambientretail.testing.fusion.FusionScenario;
import io.ambientretail.testing.fusion.GeneratedDay;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cart fusion speed. {@code throughput*}: raw weight readings per second through segmentation and
 * fusion, on a generated busy day (24 lanes at 10 Hz, overlapping shoppers with tracks, vision and
 * scans), against the naive baseline (boxed window recomputed per reading, nearest shopper). {@code
 * settleLatency*}: the time of the one call that takes the reading which settles a pick, up to the
 * cart update reaching the listener, with three tracked shoppers at the shelf.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FusionBenchmark -f 1 -wi 2 -i 3}
 */
public class FusionBenchmark {
  static final int READINGS = 200_000;

  /** A generated busy day cut to its first {@link #READINGS} weight readings. */
  @State(Scope.Benchmark)
  public static class Day {
    List<ReplayEvent> events;

    @Setup
    public void load() throws IOException {
      GeneratedDay day =
          FusionScenario.builder().mix(FusionMix.BUSY).shoppers(200).seed(9).build().generate();
      List<ReplayEvent> all;
      try (ReplayReader r =
          ReplayReader.open(
              new StringReader(String.join("\n", day.events())), ReplayLimits.defaults())) {
        all = r.readAll();
      }
      events = new ArrayList<>();
      int weights = 0;
      for (ReplayEvent e : all) {
        if (e instanceof ReplayEvent.Weight) {
          if (weights == READINGS) {
            break;
          }
          weights++;
        }
        events.add(e);
      }
      if (weights < READINGS) {
        throw new IllegalStateException("day too short: " + weights);
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(READINGS)
  public long throughputFusion(Day day) {
    CartFusion f = CartFusion.builder().build();
    for (ReplayEvent e : day.events) {
      f.accept(e);
    }
    return f.changes();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(READINGS)
  public long throughputNaiveBaseline(Day day) {
    NaiveFusion f = new NaiveFusion();
    for (ReplayEvent e : day.events) {
      f.accept(e);
    }
    return f.updates;
  }

  /** A fusion one reading away from settling a two-unit pick, fresh for every call. */
  @State(Scope.Thread)
  public static class Settling {
    static final LaneId LANE = LaneId.of("S1-L3");
    CartFusion fusion;
    NaiveFusion naive;
    long lastT;
    double lastGrams;
    int updates;
    final Random rnd = new Random(5);

    /** Runs the settle path often enough for the JIT to compile it before measuring. */
    @Setup(Level.Trial)
    public void warmUp() {
      for (int i = 0; i < 3000; i++) {
        prepare();
        fusion.weight(LANE, lastT, lastGrams);
        naive.weight(LANE, lastT, lastGrams);
      }
    }

    @Setup(Level.Invocation)
    public void prepare() {
      List<double[]> readings = new ArrayList<>();
      for (long t = 0; t < 8000; t += 20) {
        readings.add(new double[] {t, 4000 + (t >= 4000 ? -660 : 0) + rnd.nextGaussian()});
      }
      int settleAt = -1;
      int[] probeUpdates = new int[1];
      CartFusion probe = build(probeUpdates);
      for (int i = 0; i < readings.size(); i++) {
        probe.weight(LANE, (long) readings.get(i)[0], readings.get(i)[1]);
        if (probeUpdates[0] > 0) {
          settleAt = i;
          break;
        }
      }
      int[] counter = new int[1];
      fusion = build(counter);
      naive = new NaiveFusion();
      naive.accept(new ReplayEvent.LaneDefined(0, lane()));
      naive.accept(new ReplayEvent.Track(0, ShopperId.of("a"), 0.7, 0.45));
      for (int i = 0; i < settleAt; i++) {
        fusion.weight(LANE, (long) readings.get(i)[0], readings.get(i)[1]);
        naive.weight(LANE, (long) readings.get(i)[0], readings.get(i)[1]);
      }
      lastT = (long) readings.get(settleAt)[0];
      lastGrams = readings.get(settleAt)[1];
    }

    private static Lane lane() {
      return new Lane(LANE, "S1", SkuId.of("05012345678900"), 330, 2.5, 0.7, 0);
    }

    private static CartFusion build(int[] updates) {
      CartFusion f =
          CartFusion.builder()
              .listener(
                  new CartListener() {
                    @Override
                    public void cartUpdated(CartUpdate update) {
                      updates[0]++;
                    }

                    @Override
                    public void receipt(Receipt receipt) {}
                  })
              .build();
      for (int i = 0; i < 8; i++) {
        f.accept(
            new ReplayEvent.LaneDefined(
                0,
                new Lane(
                    LaneId.of("S1-L" + (i + 1)),
                    "S1",
                    SkuId.of("0501234567" + (8900 + i)),
                    i == 2 ? 330 : 500 + i * 40,
                    2.5,
                    i * 0.35,
                    0)));
      }
      String[] who = {"a", "b", "c"};
      double[] xs = {0.7, 0.35, 1.4};
      for (int s = 0; s < who.length; s++) {
        f.accept(new ReplayEvent.Enter(0, ShopperId.of(who[s])));
      }
      for (long t = 0; t < 8000; t += 200) {
        for (int s = 0; s < who.length; s++) {
          f.accept(new ReplayEvent.Track(t, ShopperId.of(who[s]), xs[s], 0.45 + s * 0.1));
        }
      }
      return f;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long settleLatencyFusion(Settling s) {
    s.fusion.weight(Settling.LANE, s.lastT, s.lastGrams);
    return s.fusion.changes();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int settleLatencyNaiveBaseline(Settling s) {
    s.naive.weight(Settling.LANE, s.lastT, s.lastGrams);
    return s.naive.updates;
  }
}
