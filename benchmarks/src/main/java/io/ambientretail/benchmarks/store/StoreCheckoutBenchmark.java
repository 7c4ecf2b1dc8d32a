package io.ambientretail.benchmarks.store;

import io.ambientretail.core.Gtin;
import io.ambientretail.devices.ApduChannel;
import io.ambientretail.inventory.fusion.FusionConfig;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.Role;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.SimulatedShelves;
import io.ambientretail.store.sim.TestCards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The reference store's hot paths on a 40 shelf x 8 lane store (SQLite, WAL, synchronous=FULL,
 * simulated acquirer on loopback HTTP with its latency set to 0):
 *
 * <ul>
 *   <li>{@code exitToReceipt}: exit to durable receipt (capture journalled, acquirer called,
 *       receipt + ledger + journal committed) with 8 shoppers leaving at once; p99 from SampleTime.
 *   <li>{@code baselineDurableCommit}: one durable single-row commit, the floor every checkout pays
 *       several times.
 *   <li>{@code shelfReadingNoise}: a 20 Hz load-cell reading that changes nothing (the bulk of
 *       shelf traffic: 40 x 8 lanes at 20 Hz is 6,400 readings/s), against {@code shelfPick}: a
 *       reading that moves a lane by a unit (shelf count and cart fusion's segmenter; the cart
 *       follows when the lane settles, on the cart writer thread).
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar StoreCheckout -f 1 -wi 2 -i 3 -w 1s -r 2s}
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StoreCheckoutBenchmark {
  private Path data;
  private StoreApp app;
  private StoreEngine store;
  private SimulatedShelves shelves;
  private List<StoreConfig.Lane> lanes;
  private String standingSession;

  @Setup(Level.Trial)
  public void start() throws IOException {
    data = Files.createTempDirectory("store-bench");
    StoreConfig config = config();
    lanes = config.lanes();
    app =
        StoreApp.start(
            new StoreApp.Options(
                config, data, null, 0, false, false, ShopperSimulation.Pace.FAST, 1, 1));
    store = app.engine();
    shelves = new SimulatedShelves(config, store.database().read(c -> store.stock().onHand(c)), 1);
    standingSession = store.enter(card()).sessionId();
  }

  @TearDown(Level.Trial)
  public void stop() {
    app.close();
  }

  /**
   * A shopper with three items in the cart, ready to leave: the picked lanes' readings go on at 20
   * Hz until cart fusion has settled them (as a shopper walks to the exit), which makes this set-up
   * take most of a second per exit (not timed).
   */
  @State(Scope.Thread)
  public static class Shopper {
    String session;

    @Setup(Level.Invocation)
    public void shop(StoreCheckoutBenchmark b) {
      session = b.store.enter(card()).sessionId();
      List<StoreConfig.Lane> picked = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        picked.add(b.pick(session));
      }
      long until =
          System.nanoTime()
              + TimeUnit.MILLISECONDS.toNanos(FusionConfig.defaults().stableWindowMillis() + 300);
      while (System.nanoTime() < until) {
        Map<String, Long> loads = b.shelves.loadsMg();
        for (StoreConfig.Lane l : picked) {
          b.store.shelfReading(l.id(), loads.get(l.id()));
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
      // and at the exit gate
      b.store.position(session, b.store.plan().exit().x(), b.store.plan().exit().y());
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @Threads(8)
  public Object exitToReceipt(Shopper s) {
    return store.exit(s.session);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public Object baselineDurableCommit() {
    long n = ThreadLocalRandom.current().nextLong();
    return store
        .database()
        .tx(
            c -> {
              try (var p =
                  c.prepareStatement(
                      "INSERT INTO store_meta (meta_key, meta_value) VALUES (?, ?)")) {
                p.setString(1, "bench-" + Long.toString(n, 36));
                p.setString(2, "x");
                return p.executeUpdate();
              }
            });
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public void shelfReadingNoise() {
    StoreConfig.Lane l = lanes.get(ThreadLocalRandom.current().nextInt(lanes.size()));
    store.shelfReading(l.id(), shelves.weightMg(l.id()));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public void shelfPick() {
    pick(standingSession);
  }

  StoreConfig.Lane pick(String session) {
    StoreConfig.Lane l = lanes.get(ThreadLocalRandom.current().nextInt(lanes.size()));
    synchronized (shelves.lock()) {
      // the tracker sees the shopper at the lane as the hand goes in
      var at = store.plan().lane(l.id()).orElseThrow();
      store.position(session, at.x(), at.y() + 0.4);
      store.reach(session, l.shelfId());
      shelves.take(l.id());
      store.shelfReading(l.id(), shelves.loadsMg().get(l.id()));
    }
    return l;
  }

  private static ApduChannel card() {
    return TestCards.next(new java.util.Random(ThreadLocalRandom.current().nextLong()))::process;
  }

  static StoreConfig config() {
    List<StoreConfig.Shelf> shelves = new ArrayList<>();
    int n = 0;
    for (int s = 0; s < 40; s++) {
      String sid = "S" + (char) ('A' + s / 26) + (char) ('A' + s % 26);
      List<StoreConfig.Lane> ls = new ArrayList<>();
      for (int l = 0; l < 8; l++) {
        String base = String.format(java.util.Locale.ROOT, "40123456%04d", n++);
        Gtin g = Gtin.parse(base + Gtin.checkDigit(base, 12));
        ls.add(
            new StoreConfig.Lane(
                sid + l,
                sid,
                g,
                "Product " + n,
                100 + n,
                100 + l * 50,
                1_000_000,
                1_000_000,
                StoreConfig.Pricing.UNIT,
                0));
      }
      shelves.add(new StoreConfig.Shelf(sid, ls));
    }
    return new StoreConfig(
        "B001",
        "Benchmark store",
        StoreKind.WALKOUT,
        "EU",
        "GDPR",
        Currency.getInstance("EUR"),
        ZoneId.of("UTC"),
        new StoreConfig.Payment("simulated", 100_000, 0, 0.0),
        List.of(),
        shelves,
        new StoreConfig.Replenishment(0, 10, 1, "bench"),
        new StoreConfig.Privacy(false, Map.of()),
        List.of(new StoreConfig.ApiToken("bench-admin", Role.ADMIN, Optional.empty())));
  }
}
