package io.ambientretail.benchmarks.store;

import com.sun.management.OperatingSystemMXBean;
import io.ambientretail.core.Gtin;
import io.ambientretail.devices.ApduChannel;
import io.ambientretail.devices.Device;
import io.ambientretail.inventory.fusion.FusionConfig;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.Role;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.devices.StoreDevices;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.engine.StorePlan;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.TestCards;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sustained load run of the whole reference store (not a JMH microbenchmark: the figures are of
 * the store as it runs): {@code --shoppers} concurrent walk-out shoppers on 40 shelves x 8 lanes,
 * each shelf a simulated shelf controller streaming the shelf line protocol at 20 Hz over an
 * in-process line into sdk-devices' {@code ShelfController}, SQLite (WAL, synchronous=FULL), the
 * simulated acquirer on loopback HTTP with its latency set to 0 (so exit to receipt excludes it).
 *
 * <p>Each shopper enters with a virtual card, takes 2 to 6 items about two seconds apart (steps up
 * to a lane, the tracker reports the position, the shelf's load changes, the controller reports it,
 * cart fusion settles it and the store writes the cart; one shopper at a lane at a time), walks to
 * the exit and leaves; a new shopper takes the place. Printed: lane events/s delivered by the
 * controllers, picks/s, receipts/s, pick latency (load change to shelf count, and to the fused
 * cart), exit to captured receipt (p50/p99), the wait for the store's one database connection (a
 * one-row read every 20 ms: lock + commit), process CPU (of all cores) and heap.
 *
 * <p>Run: {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar
 * io.ambientretail.benchmarks.store.StoreFloorRun --shoppers 200 --seconds 60}
 */
public final class StoreFloorRun {
  private StoreFloorRun() {}

  /** Runs the load; arguments {@code --shoppers N --seconds S --think-ms M}. */
  public static void main(String[] args) throws Exception {
    int shoppers = 200;
    int seconds = 60;
    int thinkMs = 1000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--shoppers" -> shoppers = Integer.parseInt(args[i + 1]);
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--think-ms" -> thinkMs = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path data = Files.createTempDirectory("store-floor");
    StoreConfig config = config();
    Map<String, StoreConfig.Lane> lanes = new HashMap<>();
    config.lanes().forEach(l -> lanes.put(l.id(), l));
    List<StoreConfig.Lane> laneList = config.lanes();
    long t0 = System.nanoTime();
    try (StoreApp app =
        StoreApp.start(
            new StoreApp.Options(
                config, data, null, 0, false, false, ShopperSimulation.Pace.FAST, 1, 1))) {
      System.out.printf(
          Locale.ROOT,
          "store of %d lanes ready in %d ms%n",
          laneList.size(),
          (System.nanoTime() - t0) / 1_000_000);
      StoreEngine store = app.engine();
      StoreDevices devices = app.devices();
      AtomicLong laneEvents = new AtomicLong();
      AtomicLong otherEvents = new AtomicLong();
      for (Device d : devices.registry().devices()) {
        d.addListener(
            e -> {
              if (e instanceof io.ambientretail.devices.LaneEvent) {
                laneEvents.incrementAndGet();
              } else if (otherEvents.incrementAndGet() <= 3) {
                System.out.println("device event: " + e);
              }
            });
      }
      Map<String, Integer> truth =
          new ConcurrentHashMap<>(store.database().read(c -> store.stock().onHand(c)));
      long[] warmupEndRef = new long[1];
      // one shopper at a lane at a time: people take turns at a lane
      Map<String, ReentrantLock> laneLocks = new ConcurrentHashMap<>();
      config.lanes().forEach(l -> laneLocks.put(l.id(), new ReentrantLock()));
      // when each (session, lane) load change was made, for the cart event that answers it
      Map<String, Long> changedAt = new ConcurrentHashMap<>();
      Samples pickToCart = new Samples();
      store.addListener(
          (type, ev) -> {
            if (type.equals("cart")) {
              Long p0 = changedAt.remove(ev.get("session") + "/" + ev.get("lane"));
              if (p0 != null && p0 > warmupEndRef[0]) {
                pickToCart.add(System.nanoTime() - p0);
              }
            }
          });
      Samples pickLatency = new Samples();
      Samples exitLatency = new Samples();
      Samples exitHeldLatency = new Samples();
      AtomicLong picks = new AtomicLong();
      AtomicLong receipts = new AtomicLong();
      AtomicLong lostPicks = new AtomicLong();
      AtomicInteger failures = new AtomicInteger();
      Map<String, Integer> outcomes = new ConcurrentHashMap<>();
      long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      warmupEndRef[0] = warmupEnd;
      long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
      int think = thinkMs;
      List<Thread> threads = new ArrayList<>();
      for (int s = 0; s < shoppers; s++) {
        int seed = s;
        Thread t =
            new Thread(
                () -> {
                  SplittableRandom r = new SplittableRandom(seed);
                  while (System.nanoTime() < end) {
                    try {
                      String sid = store.enter(card(r)).sessionId();
                      int n = 2 + r.nextInt(5);
                      StorePlan.Point here = store.plan().exit();
                      for (int k = 0; k < n; k++) {
                        StoreConfig.Lane lane = laneList.get(r.nextInt(laneList.size()));
                        StorePlan.Point next = store.plan().lane(lane.id()).orElseThrow();
                        walk(store, sid, here, next, r, think / 2 + r.nextInt(think));
                        here = next;
                        ReentrantLock lock = laneLocks.get(lane.id());
                        lock.lock();
                        try {
                          // the tracker sees the shopper step up to the lane; a moment later the
                          // hand
                          StorePlan.Point at = store.plan().lane(lane.id()).orElseThrow();
                          stand(store, sid, at, r, 1000);
                          store.reach(sid, lane.shelfId());
                          int left = truth.merge(lane.id(), -1, Integer::sum);
                          long p0 = System.nanoTime();
                          changedAt.put(sid + "/" + lane.id(), p0);
                          devices.setLaneLoad(lane.id(), left * lane.unitGrams() * 1000L);
                          if (store.shelves().awaitPublished(lane.id(), left, 5000)) {
                            long dt = System.nanoTime() - p0;
                            if (p0 > warmupEnd) {
                              pickLatency.add(dt);
                              picks.incrementAndGet();
                            }
                          } else {
                            lostPicks.incrementAndGet();
                          }
                          // standing at the lane while the hand leaves and the shelf settles
                          stand(store, sid, at, r, 600);
                        } finally {
                          lock.unlock();
                        }
                      }
                      walk(store, sid, here, store.plan().exit(), r, think / 2 + r.nextInt(think));
                      long e0 = System.nanoTime();
                      StoreEngine.CheckoutResult res = store.exit(sid);
                      long dt = System.nanoTime() - e0;
                      if (e0 > warmupEnd && e0 < end) {
                        if (res.receipt().isPresent()) {
                          exitLatency.add(dt);
                          receipts.incrementAndGet();
                        } else {
                          exitHeldLatency.add(dt);
                        }
                        outcomes.merge(
                            res.receipt().isPresent()
                                ? "receipt"
                                : res.outcome().replaceAll("se_[a-z0-9]+", "<session>"),
                            1,
                            Integer::sum);
                      }
                    } catch (RuntimeException e) {
                      if (failures.incrementAndGet() <= 3) {
                        System.out.println("shopper failed: " + e);
                      }
                    }
                  }
                },
                "shopper-" + s);
        t.setDaemon(true);
        threads.add(t);
      }
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
      // the database's lock and commit as any caller sees them: a one-row read every 20 ms
      Samples dbProbe = new Samples();
      Thread probe =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                  long q0 = System.nanoTime();
                  store
                      .database()
                      .read(
                          c -> {
                            try (var q = c.prepareStatement("SELECT COUNT(*) FROM store_meta");
                                var rs = q.executeQuery()) {
                              return rs.next();
                            }
                          });
                  if (q0 > warmupEnd) {
                    dbProbe.add(System.nanoTime() - q0);
                  }
                }
              },
              "db-probe");
      probe.setDaemon(true);
      threads.add(probe);
      threads.forEach(Thread::start);
      LockSupport.parkNanos(warmupEnd - System.nanoTime());
      long cpu0 = os.getProcessCpuTime();
      long ev0 = laneEvents.get();
      long w0 = System.nanoTime();
      long heapPeak = 0;
      while (System.nanoTime() < end) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        heapPeak = Math.max(heapPeak, mem.getHeapMemoryUsage().getUsed());
      }
      long wall = System.nanoTime() - w0;
      long cpu = os.getProcessCpuTime() - cpu0;
      long events = laneEvents.get() - ev0;
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(30));
      }
      System.gc();
      long heapAfterGc = mem.getHeapMemoryUsage().getUsed();
      double secs = wall / 1e9;
      int cores = Runtime.getRuntime().availableProcessors();
      System.out.printf(
          Locale.ROOT,
          "shoppers %d, 40 shelves x 8 lanes at 20 Hz, %d s measured"
              + " (after 5 s warm-up), %d cores%n",
          shoppers,
          seconds,
          cores);
      System.out.printf(
          Locale.ROOT, "lane events/s      %.0f (expected 6400 at 20 Hz)%n", events / secs);
      System.out.printf(
          Locale.ROOT, "durable picks/s    %.1f (lost %d)%n", picks.get() / secs, lostPicks.get());
      System.out.printf(
          Locale.ROOT,
          "receipts/s         %.1f (%d receipts, %d failures)%n",
          receipts.get() / secs,
          receipts.get(),
          failures.get());
      System.out.println("exit outcomes      " + new java.util.TreeMap<>(outcomes));
      System.out.printf(
          Locale.ROOT,
          "pick: load change to shelf count  p50 %.1f ms  p99 %.1f ms%n",
          pickLatency.percentile(0.50),
          pickLatency.percentile(0.99));
      System.out.printf(
          Locale.ROOT,
          "pick: load change to fused cart  p50 %.1f ms  p99 %.1f ms"
              + " (includes fusion's %d ms settling window)%n",
          pickToCart.percentile(0.50),
          pickToCart.percentile(0.99),
          FusionConfig.defaults().stableWindowMillis());
      System.out.printf(
          Locale.ROOT,
          "exit to captured receipt   p50 %.1f ms  p99 %.1f ms" + "  max %.1f ms%n",
          exitLatency.percentile(0.50),
          exitLatency.percentile(0.99),
          exitLatency.percentile(1.0));
      System.out.printf(
          Locale.ROOT,
          "exit to other outcome      p50 %.1f ms  p99 %.1f ms"
              + " (held for review, nothing taken)%n",
          exitHeldLatency.percentile(0.50),
          exitHeldLatency.percentile(0.99));
      System.out.printf(
          Locale.ROOT,
          "database lock+tx probe      p50 %.1f ms  p99 %.1f ms%n",
          dbProbe.percentile(0.50),
          dbProbe.percentile(0.99));
      System.out.printf(
          Locale.ROOT,
          "process CPU        %.0f%% of one core (%.0f%% of %d)%n",
          100.0 * cpu / wall,
          100.0 * cpu / wall / cores,
          cores);
      System.out.printf(
          Locale.ROOT,
          "heap               peak %.0f MB, after GC %.0f MB, max %.0f" + " MB%n",
          heapPeak / 1048576.0,
          heapAfterGc / 1048576.0,
          mem.getHeapMemoryUsage().getMax() / 1048576.0);
    }
  }

  /** The shopper walks from one point to another in {@code ms}; the tracker reports at 10 Hz. */
  private static void walk(
      StoreEngine store,
      String sid,
      StorePlan.Point from,
      StorePlan.Point to,
      SplittableRandom r,
      int ms) {
    for (int t = 0; t < ms; t += 100) {
      double f = (double) t / ms;
      store.position(
          sid,
          from.x() + f * (to.x() - from.x()) + r.nextDouble(-0.04, 0.04),
          from.y() + 1.0 + f * (to.y() - from.y()) + r.nextDouble(-0.04, 0.04));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  /** The shopper stands at a lane for {@code ms}; the ceiling tracker reports it at 10 Hz. */
  private static void stand(
      StoreEngine store, String sid, StorePlan.Point at, SplittableRandom r, int ms) {
    for (int t = 0; t < ms; t += 100) {
      store.position(
          sid, at.x() + r.nextDouble(-0.04, 0.04), at.y() + 0.4 + r.nextDouble(-0.04, 0.04));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  /** Latency samples in nanoseconds. */
  private static final class Samples {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    synchronized double percentile(double p) {
      if (size == 0) {
        return Double.NaN;
      }
      long[] s = Arrays.copyOf(values, size);
      Arrays.sort(s);
      int i = (int) Math.min(size - 1, Math.max(0, Math.ceil(p * size) - 1));
      return s[i] / 1e6;
    }
  }

  private static ApduChannel card(SplittableRandom r) {
    return TestCards.next(new java.util.Random(r.nextLong()))::process;
  }

  private static StoreConfig config() {
    List<StoreConfig.Shelf> shelves = new ArrayList<>();
    List<StoreConfig.Device> devices = new ArrayList<>();
    int n = 0;
    for (int s = 0; s < 40; s++) {
      String sid = "S" + (char) ('A' + s / 26) + (char) ('A' + s % 26);
      List<StoreConfig.Lane> ls = new ArrayList<>();
      for (int l = 0; l < 8; l++) {
        String base = String.format(Locale.ROOT, "40123456%04d", n++);
        Gtin g = Gtin.parse(base + Gtin.checkDigit(base, 12));
        ls.add(
            new StoreConfig.Lane(
                sid + l,
                sid,
                g,
                "Product " + n,
                100 + n,
                100 + l * 50,
                1_000,
                1_000,
                StoreConfig.Pricing.UNIT,
                0));
      }
      shelves.add(new StoreConfig.Shelf(sid, ls));
      devices.add(
          new StoreConfig.Device(
              "shelf-" + sid, "shelf", "simulated", "", Map.of("shelf", sid, "hz", "20")));
    }
    return new StoreConfig(
        "B002",
        "Load run store",
        StoreKind.WALKOUT,
        "EU",
        "GDPR",
        Currency.getInstance("EUR"),
        ZoneId.of("UTC"),
        new StoreConfig.Payment("simulated", 100_000, 0, 0.0),
        devices,
        shelves,
        new StoreConfig.Replenishment(0, 10, 1, "bench"),
        new StoreConfig.Privacy(false, Map.of()),
        List.of(new StoreConfig.ApiToken("bench-admin", Role.ADMIN, Optional.empty())));
  }
}
