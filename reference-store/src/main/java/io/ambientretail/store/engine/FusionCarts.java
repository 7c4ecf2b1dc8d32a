package io.ambientretail.store.engine;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.ShopperId;
import io.ambientretail.core.SkuId;
import io.ambientretail.inventory.fusion.CartFusion;
import io.ambientretail.inventory.fusion.CartListener;
import io.ambientretail.inventory.fusion.CartUpdate;
import io.ambientretail.inventory.fusion.FusionConfig;
import io.ambientretail.inventory.fusion.Lane;
import io.ambientretail.inventory.fusion.Planogram;
import io.ambientretail.inventory.fusion.Receipt;
import io.ambientretail.inventory.fusion.ReplayEvent;
import io.ambientretail.inventory.fusion.ReplayWriter;
import io.ambientretail.store.config.StoreConfig;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walk-out store's carts from sdk-inventory's cart fusion: the shelves' raw load-cell readings,
 * the tracking system's positions (or presence at a shelf) and entries and exits go in, in the
 * store's real time; each cart fusion decides is handed, in order, to a {@link CartSink} on one
 * writer thread, so no shelf reading waits for the database.
 *
 * <p>At exit the store waits (bounded) until no lane is still settling whose movement began while
 * the shopper was within reach of it — a pick made just before leaving is still a change in the
 * making — then takes fusion's receipt and waits until its cart is written. Thread-safe: fusion
 * itself runs under this object's lock, a few microseconds per reading; a failing sink is logged
 * and the next cart of the session replaces what it missed.
 */
public final class FusionCarts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FusionCarts.class);

  /** Where a fused cart goes: the session's cart per lane, replacing what it held. */
  @FunctionalInterface
  public interface CartSink {
    /**
     * A session's cart is now {@code unitsPerLane}.
     *
     * @param review fusion is not sure of it: a person should look before it is charged
     * @param doubtfulLanes lanes whose changes another explanation (another shopper, other items)
     *     could account for: the lines a reviewer should look at
     */
    void cart(
        String sessionId,
        Map<String, Integer> unitsPerLane,
        double confidence,
        boolean review,
        Set<String> doubtfulLanes);
  }

  /**
   * A shopper's final cart: fusion's receipt in lanes, and whether it needs a person's review
   * (fusion unsure, or a lane the shopper stood at had not settled when the store had to decide).
   */
  public record Checkout(
      Map<String, Integer> unitsPerLane,
      double confidence,
      boolean review,
      boolean settled,
      Set<String> doubtfulLanes) {}

  /**
   * How long after a shopper was last near a shelf (presence sensing, no positions) a lane there
   * may begin to move by their hand: presence is coarse and repeated about once a second.
   */
  static final long REACH_SLACK_MS = 2000;

  /**
   * The same for a tracked shopper, seen several times a second: a lane reports a movement within a
   * few readings.
   */
  static final long TRACKED_REACH_SLACK_MS = 250;

  /**
   * How near a lane's front a tracked shopper stands to reach into it, metres: walking past in the
   * aisle is not standing at a shelf.
   */
  static final double REACH_METRES = 0.8;

  /**
   * How far along the shelf from a lane's middle a tracked shopper stands to reach into it, metres:
   * the lane itself, not its neighbour half a metre on.
   */
  static final double LANE_REACH_METRES = 0.35;

  private final CartFusion fusion;
  private final Clock clock;
  private final long epochMs;
  private final int timeScale;
  private final StorePlan plan;
  private final Map<SkuId, String> laneOfSku = new LinkedHashMap<>();
  private final Map<String, String> shelfOfLane = new LinkedHashMap<>();
  private final Map<String, List<LaneId>> lanesOfShelf = new LinkedHashMap<>();

  /**
   * Per shopper in the store: each lane they were seen within reach of, and when last (fusion's
   * time): a tracked shopper reaches the lane they stand before; presence at a shelf reaches all of
   * its lanes.
   */
  private final Map<String, Map<String, Long>> lanesReached = new ConcurrentHashMap<>();

  private final Map<String, Receipt> receipts = new ConcurrentHashMap<>();
  private final Set<String> tracked = ConcurrentHashMap.newKeySet();
  private final ExecutorService writer;
  private final CartSink sink;
  private volatile ReplayWriter recorder;
  private long lastT;
  private int waiters;

  private FusionCarts(
      StoreConfig config,
      StorePlan plan,
      FusionConfig fusionConfig,
      Clock clock,
      int timeScale,
      CartSink sink) {
    if (timeScale < 1 || timeScale > 1000) {
      throw new IllegalArgumentException("timeScale must be 1 to 1000, was " + timeScale);
    }
    this.clock = clock;
    this.timeScale = timeScale;
    this.epochMs = clock.millis();
    this.plan = plan;
    this.sink = sink;
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "cart-writer");
              t.setDaemon(true);
              return t;
            });
    Planogram planogram = Planogram.empty();
    for (StoreConfig.Lane l : config.lanes()) {
      SkuId sku = SkuId.of(l.gtin().digits14());
      StorePlan.Point p = plan.lane(l.id()).orElseThrow();
      // the spread of one unit: a tenth of its weight covers packaging and the cell's own error
      planogram =
          planogram.with(
              new Lane(
                  LaneId.of(l.id()),
                  l.shelfId(),
                  sku,
                  l.unitGrams(),
                  Math.max(0.5, l.unitGrams() / 10.0),
                  p.x(),
                  p.y()));
      laneOfSku.put(sku, l.id());
      shelfOfLane.put(l.id(), l.shelfId());
      lanesOfShelf.computeIfAbsent(l.shelfId(), k -> new ArrayList<>()).add(LaneId.of(l.id()));
    }
    this.fusion =
        CartFusion.builder()
            .config(fusionConfig)
            .planogram(planogram)
            .retainReceipts(false)
            .listener(
                new CartListener() {
                  @Override
                  public void cartUpdated(CartUpdate update) {
                    String sid = update.shopper().value();
                    Map<String, Integer> lanes = lanesOf(update.counts());
                    double conf = update.confidence();
                    boolean review = fusion.needsReview(update.shopper());
                    Set<String> doubt = doubtfulLanes(update.shopper());
                    writer.execute(() -> write(sid, lanes, conf, review, doubt));
                  }

                  @Override
                  public void receipt(Receipt receipt) {
                    receipts.put(receipt.shopper().value(), receipt);
                  }
                })
            .build();
  }

  /**
   * Starts fusion for a store laid out as {@code plan}; {@code sink} hears of every cart.
   *
   * @param timeScale how much faster than {@code clock} the store's world runs: 1 for a real store;
   *     a simulated store whose shoppers act ten times faster than people passes 10, so fusion's
   *     windows (seconds of standing at a shelf, a lane settling) keep their meaning
   */
  public static FusionCarts start(
      StoreConfig config,
      StorePlan plan,
      FusionConfig fusionConfig,
      Clock clock,
      int timeScale,
      CartSink sink) {
    return new FusionCarts(config, plan, fusionConfig, clock, timeScale, sink);
  }

  private void write(
      String sid, Map<String, Integer> lanes, double conf, boolean review, Set<String> doubt) {
    try {
      sink.cart(sid, lanes, conf, review, doubt);
    } catch (RuntimeException e) {
      LOG.warn("cart of {} not written (the next cart replaces it): {}", sid, e.toString());
    }
  }

  private Set<String> doubtfulLanes(ShopperId shopper) {
    Set<String> out = new java.util.TreeSet<>();
    for (SkuId sku : fusion.doubtful(shopper)) {
      String lane = laneOfSku.get(sku);
      if (lane != null) {
        out.add(lane);
      }
    }
    return out;
  }

  private Map<String, Integer> lanesOf(Map<SkuId, Integer> counts) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.forEach(
        (sku, n) -> {
          String lane = laneOfSku.get(sku);
          if (lane != null && n > 0) {
            out.merge(lane, n, Integer::sum);
          }
        });
    return out;
  }

  /** The store's time in fusion's terms: milliseconds since start, never going back. */
  private long t() {
    long t = Math.max(lastT, (clock.millis() - epochMs) * timeScale);
    lastT = t;
    return t;
  }

  private void accept(ReplayEvent e) {
    fusion.accept(e);
    if (recorder != null) {
      record(e);
    }
  }

  private void record(ReplayEvent e) {
    try {
      recorder.event(e);
    } catch (IOException ex) {
      LOG.warn("fusion recording stopped: {}", ex.toString());
      recorder = null;
    }
  }

  /**
   * Records everything fusion is told from now on in the fusion replay format (version 1) to {@code
   * out}, with the store's lanes first, so a day can be replayed with {@code ambient fusion
   * replay}; a write failure stops the recording, never the store.
   */
  public synchronized void record(Writer out) throws IOException {
    ReplayWriter w = ReplayWriter.to(out);
    for (Lane l : fusion.planogram().lanes()) {
      w.event(new ReplayEvent.LaneDefined(0, l));
    }
    recorder = w;
  }

  /** A shopper came in. */
  public synchronized void enter(String sessionId) {
    lanesReached.put(sessionId, new ConcurrentHashMap<>());
    accept(new ReplayEvent.Enter(t(), ShopperId.of(sessionId)));
  }

  /** The tracking system saw a shopper at {@code (x, y)} on the store plan, metres. */
  public synchronized void track(String sessionId, double x, double y) {
    accept(new ReplayEvent.Track(t(), ShopperId.of(sessionId), x, y));
    tracked.add(sessionId);
    plan.shelfNear(x, y, REACH_METRES)
        .ifPresent(
            shelf -> {
              for (LaneId lane : lanesOfShelf.get(shelf)) {
                StorePlan.Point p = plan.lane(lane.value()).orElseThrow();
                if (Math.abs(p.x() - x) <= LANE_REACH_METRES) {
                  visited(sessionId, lane.value());
                }
              }
            });
  }

  /** A shopper is within {@code metres} of a shelf (presence or hand sensing, no tracking). */
  public synchronized void near(String sessionId, String shelfId, double metres) {
    if (!lanesOfShelf.containsKey(shelfId)) {
      return;
    }
    accept(new ReplayEvent.Near(t(), ShopperId.of(sessionId), shelfId, metres));
    for (LaneId lane : lanesOfShelf.get(shelfId)) {
      visited(sessionId, lane.value());
    }
  }

  private void visited(String sessionId, String laneId) {
    Map<String, Long> s = lanesReached.get(sessionId);
    if (s != null) {
      s.put(laneId, lastT);
    }
  }

  /** A raw load-cell reading of a lane, milligrams. */
  public synchronized void weight(String laneId, long milligrams) {
    long t = t();
    fusion.weight(LaneId.of(laneId), t, milligrams / 1000.0);
    if (recorder != null) {
      record(new ReplayEvent.Weight(t, LaneId.of(laneId), milligrams / 1000.0));
    }
    if (waiters > 0) {
      notifyAll();
    }
  }

  /** The weight a lane holds by the store's count, milligrams: its level until readings settle. */
  public synchronized void assumeWeight(String laneId, long milligrams) {
    fusion.assumeWeight(LaneId.of(laneId), milligrams / 1000.0);
  }

  /** Staff are about to change a lane on purpose (a restock): no one's pick or put-back. */
  public synchronized void relevel(String laneId) {
    fusion.relevel(LaneId.of(laneId));
  }

  /**
   * A shopper leaves: waits at most {@code maxWaitMs} of the store's world time (wall time times
   * the time scale) until no lane is still settling whose movement began while the shopper was
   * within reach of it (or within {@value #TRACKED_REACH_SLACK_MS} ms after they were last seen
   * there, {@value #REACH_SLACK_MS} ms for a shopper known only by presence at its shelf), takes
   * fusion's receipt and waits until its cart is written. Other shoppers' changes elsewhere do not
   * hold the exit up.
   *
   * @return the final cart, or empty when fusion never saw the shopper enter
   */
  public Optional<Checkout> exit(String sessionId, long maxWaitMs) throws InterruptedException {
    Map<String, Long> reached = lanesReached.getOrDefault(sessionId, Map.of());
    boolean settled;
    Receipt r;
    Set<String> doubt;
    synchronized (this) {
      settled =
          awaitSettled(
              reached,
              tracked.contains(sessionId) ? TRACKED_REACH_SLACK_MS : REACH_SLACK_MS,
              maxWaitMs);
      if (!lanesReached.containsKey(sessionId) && !receipts.containsKey(sessionId)) {
        return Optional.empty();
      }
      accept(new ReplayEvent.Exit(t(), ShopperId.of(sessionId)));
      r = receipts.get(sessionId);
      doubt = doubtfulLanes(ShopperId.of(sessionId));
    }
    if (r == null) {
      return Optional.empty();
    }
    Checkout out =
        new Checkout(lanesOf(r.counts()), r.confidence(), r.review() || !settled, settled, doubt);
    try {
      writer
          .submit(
              () ->
                  sink.cart(
                      sessionId,
                      out.unitsPerLane(),
                      out.confidence(),
                      out.review(),
                      out.doubtfulLanes()))
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cart of " + sessionId + " not written: " + e, e);
    }
    return Optional.of(out);
  }

  private boolean awaitSettled(Map<String, Long> reached, long slackMs, long maxWaitMs)
      throws InterruptedException {
    if (reached.isEmpty()) {
      return true;
    }
    long deadline = System.nanoTime() + maxWaitMs * 1_000_000L / timeScale;
    waiters++;
    try {
      while (true) {
        boolean open = false;
        for (Map.Entry<LaneId, Long> e : fusion.unsettledLanes().entrySet()) {
          Long seen = reached.get(e.getKey().value());
          if (seen != null && e.getValue() <= seen + slackMs) {
            open = true;
            break;
          }
        }
        if (!open) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000L));
      }
    } finally {
      waiters--;
    }
  }

  /** Forgets a shopper who left (after the receipt is settled) or never entered. */
  public void forget(String sessionId) {
    lanesReached.remove(sessionId);
    tracked.remove(sessionId);
    receipts.remove(sessionId);
  }

  /** The shelf of a lane, if the lane is known. */
  public Optional<String> shelfOf(String laneId) {
    return Optional.ofNullable(shelfOfLane.get(laneId));
  }

  /** Stops the cart writer once what is queued is written. */
  @Override
  public void close() {
    synchronized (this) {
      if (recorder != null) {
        try {
          recorder.close();
        } catch (IOException e) {
          // the recording is only as complete as the disk allowed
        }
        recorder = null;
      }
    }
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
