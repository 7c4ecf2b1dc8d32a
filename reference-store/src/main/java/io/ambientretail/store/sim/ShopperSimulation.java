package io.ambientretail.store.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.engine.DeviceHealth;
import io.ambientretail.store.engine.ReplenishmentPlanner;
import io.ambientretail.store.engine.StoreEngine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated shoppers (from a seed) in the store: walk-out shoppers tap in, browse shelves, pick,
 * put back, share shelves with each other and walk out; micromarket shoppers take from open
 * shelves, scan at the kiosk (a few forget an item: shrink), tap and leave. Staff restock lanes the
 * planner suggests; devices send heartbeats.
 *
 * <p>What each shopper really left with is appended to {@code truth.jsonl} (by session id): the
 * summary compares the store's receipts with it. Staff also decide the receipts the store held for
 * review, as a person watching the footage would: they know what the shopper really took (the
 * truth) and approve the cart when it matches, or adjust it to what was taken. Every step runs on a
 * small scheduler so hundreds of shoppers can be in the store at once. Thread-safe; {@link
 * #close()} stops it.
 */
public final class ShopperSimulation implements AutoCloseable {
  /** How fast the simulated world runs. */
  public enum Pace {
    /**
     * Steps a quarter to half a second apart, a world ten times faster than ours: for tests and
     * {@code --exit-when-done}.
     */
    FAST(2500, 5000, 1200),
    /** Steps about a second apart, so a person can watch the dashboard. */
    REALTIME(500, 1800, 2500);

    /**
     * How much faster than the wall clock the {@link #FAST} world runs in process: its shoppers
     * stand at a lane 2.5 to 5 seconds of their time, a tenth of that of ours.
     */
    public static final int FAST_TIME_SCALE = 10;

    /**
     * The same through socat pseudo-terminals, whose shelf readings arrive about ten times a
     * second: a world only twice as fast keeps a lane's settling window several readings long.
     */
    public static final int FAST_TIME_SCALE_REAL_TRANSPORTS = 2;

    final int minStepMs;
    final int maxStepMs;
    final int arrivalMs;

    Pace(int minStepMs, int maxStepMs, int arrivalMs) {
      this.minStepMs = minStepMs;
      this.maxStepMs = maxStepMs;
      this.arrivalMs = arrivalMs;
    }
  }

  private final StoreEngine store;
  private final SimulatedShelves shelves;
  private final DeviceHealth health;
  private final StoreConfig config;
  private final Pace pace;
  private final long seed;
  private final ScheduledExecutorService exec;
  private final BufferedWriter truth;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong restocks = new AtomicLong();
  private final List<Long> cardSeeds = new ArrayList<>();
  private final ReplenishmentPlanner planner;
  private final List<String> shelfIds;

  /** Who stands at a lane now: people take turns at one lane rather than reach in together. */
  private final Map<String, String> standingAt = new java.util.concurrent.ConcurrentHashMap<>();

  private final Map<String, List<StoreConfig.Lane>> lanesOfShelf = new LinkedHashMap<>();
  private final SimulatedStaffReviews reviewDesk;
  private volatile CountDownLatch finished = new CountDownLatch(0);
  private volatile int target = -1;
  private final int timeScale;

  /** How often the ceiling tracker reports every shopper in the store, ms of the world's time. */
  private static final int TRACKER_PERIOD_MS = 300;

  private final java.util.Set<Shopper> inside = ConcurrentHashMap.newKeySet();
  private volatile String offlineDevice;
  private volatile long offlineUntilMs;

  /** A simulation in {@code store}, writing truth to {@code truthFile}. */
  public ShopperSimulation(
      StoreEngine store,
      SimulatedShelves shelves,
      DeviceHealth health,
      Pace pace,
      long seed,
      Path truthFile,
      int threads) {
    this(
        store,
        shelves,
        health,
        pace,
        pace == Pace.FAST ? Pace.FAST_TIME_SCALE : 1,
        seed,
        truthFile,
        threads);
  }

  /**
   * A simulation whose world runs {@code timeScale} times as fast as the wall clock (the pace's
   * times are of that world), writing truth to {@code truthFile}.
   */
  public ShopperSimulation(
      StoreEngine store,
      SimulatedShelves shelves,
      DeviceHealth health,
      Pace pace,
      int timeScale,
      long seed,
      Path truthFile,
      int threads) {
    if (timeScale < 1) {
      throw new IllegalArgumentException("timeScale must be at least 1, was " + timeScale);
    }
    this.timeScale = timeScale;
    this.store = store;
    this.shelves = shelves;
    this.health = health;
    this.config = store.config();
    this.pace = pace;
    this.seed = seed;
    this.planner = new ReplenishmentPlanner(config.replenishment());
    this.exec =
        Executors.newScheduledThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "shopper-sim");
              t.setDaemon(true);
              return t;
            });
    for (StoreConfig.Shelf s : config.shelves()) {
      lanesOfShelf.put(s.id(), s.lanes());
    }
    this.shelfIds = List.copyOf(lanesOfShelf.keySet());
    this.reviewDesk = new SimulatedStaffReviews(store, truthFile);
    try {
      Files.createDirectories(truthFile.toAbsolutePath().getParent());
      this.truth =
          Files.newBufferedWriter(
              truthFile,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts heartbeats and staff; shoppers arrive with {@link #run(int)}. */
  public void startBackground() {
    exec.scheduleAtFixedRate(this::heartbeat, 0, 200, TimeUnit.MILLISECONDS);
    if (config.kind() == StoreKind.WALKOUT) {
      exec.scheduleAtFixedRate(
          this::track, 0, Math.max(1, TRACKER_PERIOD_MS / timeScale), TimeUnit.MILLISECONDS);
    }
    exec.scheduleWithFixedDelay(
        this::staff, 300, pace == Pace.FAST ? 50 : 3000, TimeUnit.MILLISECONDS);
  }

  /** Lets {@code n} more shoppers arrive (n < 0: keep arriving until closed). */
  public void run(int n) {
    target = n < 0 ? -1 : started.get() + n;
    finished = new CountDownLatch(n < 0 ? 1 : n);
    exec.schedule(this::arrive, 0, TimeUnit.MILLISECONDS);
  }

  /** Waits until every shopper of {@link #run(int)} has left. */
  public boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
    return finished.await(timeout, unit);
  }

  /** Shoppers that have left. */
  public int done() {
    return done.get();
  }

  /** Shoppers in the store now. */
  public int inStore() {
    return inFlight.get();
  }

  private void arrive() {
    int i = started.get();
    if (target >= 0 && i >= target) {
      return;
    }
    started.incrementAndGet();
    Random r = new Random(seed * 1_000_003L + i);
    long cardSeed;
    synchronized (cardSeeds) {
      // about one shopper in six comes back with a card seen before
      cardSeed =
          !cardSeeds.isEmpty() && r.nextInt(6) == 0
              ? cardSeeds.get(r.nextInt(cardSeeds.size()))
              : r.nextLong();
      cardSeeds.add(cardSeed);
    }
    inFlight.incrementAndGet();
    Shopper s = new Shopper(r, cardSeed);
    inside.add(s);
    exec.execute(s::step);
    int gap =
        (pace == Pace.FAST ? pace.arrivalMs : pace.arrivalMs / 2 + r.nextInt(pace.arrivalMs))
            / timeScale;
    exec.schedule(this::arrive, gap, TimeUnit.MILLISECONDS);
  }

  /** The ceiling tracker: where each shopper in the store stands now, a few times a second. */
  private void track() {
    for (Shopper s : inside) {
      s.report();
    }
  }

  private void heartbeat() {
    long now = System.currentTimeMillis();
    if (pace == Pace.REALTIME
        && offlineDevice == null
        && ThreadLocalRandom.current().nextInt(600) == 0) {
      // a shelf controller loses its cable for a while
      offlineDevice = "shelf-" + shelfIds.get(ThreadLocalRandom.current().nextInt(shelfIds.size()));
      offlineUntilMs = now + 9000;
    }
    if (offlineDevice != null && now > offlineUntilMs) {
      offlineDevice = null;
    }
    for (StoreConfig.Device d : config.devices()) {
      if (!d.id().equals(offlineDevice)) {
        health.seen(d.id());
      }
    }
  }

  private void staff() {
    reviewDesk.decidePending();
    try {
      var lanes = store.database().read(c -> store.stock().lanes(c));
      for (ReplenishmentPlanner.Suggestion s : planner.suggest(lanes)) {
        synchronized (shelves.lock()) {
          String ref = "restock:" + store.ids().next("rs");
          store.restock(s.laneId(), s.qty(), "staff", ref, true);
          shelves.put(s.laneId(), s.qty());
          if (!shelves.streamed()) {
            store.shelfReading(s.laneId(), shelves.weightMg(s.laneId()));
          }
          restocks.incrementAndGet();
        }
      }
    } catch (RuntimeException e) {
      // staff try again at the next round
    }
  }

  /** Reviews the simulated staff decided. */
  public long reviewsDecided() {
    return reviewDesk.decided();
  }

  /** Staff fill a lane with {@code qty} units and book it (the dashboard's restock). */
  public void fill(String laneId, int qty, String actor, String ref) {
    synchronized (shelves.lock()) {
      store.restock(laneId, qty, actor, ref, true);
      shelves.put(laneId, qty);
      if (!shelves.streamed()) {
        store.shelfReading(laneId, shelves.weightMg(laneId));
      }
    }
  }

  /** One simulated shopper: a sequence of steps, each scheduled after a short pause. */
  private final class Shopper {
    private final Random r;
    private final long cardSeed;
    private final Map<String, Integer> holding = new LinkedHashMap<>();
    private final List<String> plan = new ArrayList<>();
    private volatile String session;
    private volatile io.ambientretail.store.engine.StorePlan.Point standing;
    private Runnable reaching;
    private String atLane;
    private int waited;
    private int stepNo;

    Shopper(Random r, long cardSeed) {
      this.r = r;
      this.cardSeed = cardSeed;
      int visits = 1 + r.nextInt(3);
      for (int v = 0; v < visits; v++) {
        String shelf = shelfIds.get(r.nextInt(shelfIds.size()));
        plan.add("go:" + shelf);
        int picks = r.nextInt(3);
        for (int p = 0; p <= picks; p++) {
          List<StoreConfig.Lane> lanes = lanesOfShelf.get(shelf);
          plan.add("take:" + lanes.get(r.nextInt(lanes.size())).id());
        }
        if (r.nextInt(5) == 0) {
          plan.add("putback:" + shelf);
        }
      }
    }

    void step() {
      try {
        boolean more = config.kind() == StoreKind.WALKOUT ? walkoutStep() : kioskStep();
        Runnable hand = reaching;
        if (hand != null) {
          // a person reaches in a second or so after stepping up to the lane, not as they arrive
          reaching = null;
          exec.schedule(
              () -> {
                try {
                  hand.run();
                  exec.schedule(this::step, stepMs(), TimeUnit.MILLISECONDS);
                } catch (RuntimeException e) {
                  leave();
                }
              },
              (1000 + r.nextInt(600)) / timeScale,
              TimeUnit.MILLISECONDS);
          return;
        }
        if (more) {
          exec.schedule(this::step, stepMs(), TimeUnit.MILLISECONDS);
        } else {
          leave();
        }
      } catch (RuntimeException e) {
        leave();
      }
    }

    private boolean walkoutStep() {
      if (stepNo == 0) {
        stepNo++;
        var card = TestCards.next(new Random(cardSeed));
        StoreEngine.EntryResult e = store.enter(card);
        session = e.sessionId();
        return e.admitted();
      }
      if (standing != null) {
        // still where the last step left them, until this step moves them on
        seenAt(standing);
      }
      if (atLane != null) {
        standingAt.remove(atLane, session);
        atLane = null;
      }
      if (stepNo <= plan.size()) {
        String[] a = plan.get(stepNo - 1).split(":", 2);
        String lane = a[0].equals("take") ? a[1] : a[0].equals("putback") ? heldLane() : null;
        if (lane != null && standingAt.putIfAbsent(lane, session) != null) {
          // someone else stands at that lane: wait a moment for them, or give it a miss
          if (++waited < 4) {
            return true;
          }
          waited = 0;
          stepNo++;
          return true;
        }
        waited = 0;
        atLane = lane;
        stepNo++;
        switch (a[0]) {
          case "go" -> {
            store.presence(session, a[1]);
            store.plan().shelf(a[1]).ifPresent(this::seenAt);
          }
          case "take" -> {
            store.presence(session, shelfOf(a[1]));
            store.plan().lane(a[1]).ifPresent(this::seenAt);
            reaching =
                () -> {
                  seenAt(standing);
                  store.reach(session, shelfOf(a[1]));
                  if (shelves.take(a[1])) {
                    holding.merge(a[1], 1, Integer::sum);
                    if (!shelves.streamed()) {
                      store.shelfReading(a[1], shelves.weightMg(a[1]));
                    }
                  }
                };
          }
          case "putback" -> putBackOne();
          default -> throw new IllegalStateException(a[0]);
        }
        return true;
      }
      store.presence(session, "exit");
      seenAt(store.plan().exit());
      writeTruth();
      store.exit(session);
      return false;
    }

    private String heldLane() {
      for (var e : holding.entrySet()) {
        if (e.getValue() > 0) {
          return e.getKey();
        }
      }
      return null;
    }

    private void putBackOne() {
      for (var e : holding.entrySet()) {
        if (e.getValue() > 0) {
          String lane = e.getKey();
          store.presence(session, shelfOf(lane));
          store.plan().lane(lane).ifPresent(this::seenAt);
          holding.merge(lane, -1, Integer::sum);
          reaching =
              () -> {
                seenAt(standing);
                store.reach(session, shelfOf(lane));
                shelves.put(lane, 1);
                if (!shelves.streamed()) {
                  store.shelfReading(lane, shelves.weightMg(lane));
                }
              };
          return;
        }
      }
    }

    /**
     * The ceiling tracker sees the shopper standing at {@code p}, with the few centimetres of noise
     * a tracker has.
     */
    /** The pause before the next step, wall milliseconds. */
    private long stepMs() {
      return (pace.minStepMs + r.nextInt(pace.maxStepMs - pace.minStepMs + 1)) / timeScale;
    }

    private void seenAt(io.ambientretail.store.engine.StorePlan.Point p) {
      standing = p;
      store.position(
          session, p.x() + r.nextGaussian() * 0.04, p.y() + 0.4 + r.nextGaussian() * 0.04);
    }

    private boolean kioskStep() {
      if (stepNo == 0) {
        stepNo++;
        store.arrived();
        return true;
      }
      if (stepNo <= plan.size()) {
        String[] a = plan.get(stepNo++ - 1).split(":", 2);
        if (a[0].equals("take")) {
          synchronized (shelves.lock()) {
            if (shelves.take(a[1])) {
              holding.merge(a[1], 1, Integer::sum);
              store.shelfReading(a[1], shelves.weightMg(a[1]));
            }
          }
        } else if (a[0].equals("putback")) {
          for (var e : holding.entrySet()) {
            if (e.getValue() > 0) {
              synchronized (shelves.lock()) {
                shelves.put(e.getKey(), 1);
                holding.merge(e.getKey(), -1, Integer::sum);
                store.shelfReading(e.getKey(), shelves.weightMg(e.getKey()));
              }
              break;
            }
          }
        }
        return true;
      }
      if (holding.values().stream().allMatch(q -> q == 0)) {
        return false;
      }
      session = store.kioskStart();
      health.seen("kiosk-scanner-1");
      Map<String, Integer> paidFor = new LinkedHashMap<>();
      for (var e : holding.entrySet()) {
        StoreConfig.Lane lane = lane(e.getKey());
        for (int k = 0; k < e.getValue(); k++) {
          if (r.nextInt(100) < 6) {
            continue; // forgot (or chose not) to scan it: shrink
          }
          String code;
          Long scale = null;
          if (lane.pricing() == StoreConfig.Pricing.WEIGHT) {
            long grams = Math.round(lane.unitGrams() * (0.9 + r.nextDouble() * 0.2));
            code =
                "01"
                    + lane.gtin().digits14()
                    + "3103"
                    + String.format(java.util.Locale.ROOT, "%06d", grams)
                    + "17"
                    + "271231";
            scale = grams;
          } else {
            code = lane.gtin().shortest();
          }
          store.scan(session, code, scale);
          paidFor.merge(lane.id(), 1, Integer::sum);
        }
      }
      if (paidFor.isEmpty()) {
        store.kioskCancel(session);
      } else {
        var result = store.kioskPay(session, TestCards.next(new Random(cardSeed)));
        if (result.receipt().isEmpty()) {
          // declined: the shopper puts everything back
          for (var e : holding.entrySet()) {
            synchronized (shelves.lock()) {
              shelves.put(e.getKey(), e.getValue());
              store.shelfReading(e.getKey(), shelves.weightMg(e.getKey()));
            }
          }
          holding.clear();
        }
      }
      writeTruth();
      return false;
    }

    private void writeTruth() {
      if (session == null) {
        return;
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("session", session);
      Map<String, Integer> items = new LinkedHashMap<>();
      holding.forEach(
          (k, v) -> {
            if (v > 0) {
              items.put(k, v);
            }
          });
      line.put("items", items);
      reviewDesk.saw(session, items);
      try {
        String text = json.writeValueAsString(line);
        synchronized (truth) {
          truth.write(text);
          truth.newLine();
          truth.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The tracker sees this shopper where they stand, if they are in the store. */
    void report() {
      io.ambientretail.store.engine.StorePlan.Point p = standing;
      String sid = session;
      if (p != null && sid != null) {
        store.position(
            sid,
            p.x() + ThreadLocalRandom.current().nextGaussian() * 0.04,
            p.y() + 0.4 + ThreadLocalRandom.current().nextGaussian() * 0.04);
      }
    }

    private void leave() {
      inside.remove(this);
      if (atLane != null) {
        standingAt.remove(atLane, session);
        atLane = null;
      }
      if (config.kind() == StoreKind.MICROMARKET && stepNo > 0) {
        store.left();
      }
      inFlight.decrementAndGet();
      done.incrementAndGet();
      finished.countDown();
    }
  }

  private String shelfOf(String laneId) {
    return lane(laneId).shelfId();
  }

  private StoreConfig.Lane lane(String laneId) {
    for (StoreConfig.Shelf s : config.shelves()) {
      for (StoreConfig.Lane l : s.lanes()) {
        if (l.id().equals(laneId)) {
          return l;
        }
      }
    }
    throw new IllegalArgumentException(laneId);
  }

  /** Restocks done by simulated staff. */
  public long restocks() {
    return restocks.get();
  }

  @Override
  public void close() {
    exec.shutdownNow();
    try {
      exec.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (truth) {
      try {
        truth.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
