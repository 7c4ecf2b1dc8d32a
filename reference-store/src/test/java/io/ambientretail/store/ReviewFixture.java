package io.ambientretail.store;

import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.devices.StoreDevices;
import io.ambientretail.store.engine.ReviewDesk;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.SimulatedShelves;
import io.ambientretail.store.sim.TestCards;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes a walk-out receipt held for review in a store without a simulation: two shoppers stand at
 * one lane, the session's a little nearer, and one unit leaves it (cart fusion gives it to the
 * nearer one, unsure, which flags the session), and that shopper walks out. The other shopper's
 * empty cart, flagged too, is decided first (nothing taken), so one receipt is left held. Positions
 * come from a {@link Tracker} reporting every shopper continuously, as the store's ceiling tracker
 * does, so cart fusion finds them around a shelf change however late a loaded machine delivers its
 * readings.
 */
public final class ReviewFixture {
  private ReviewFixture() {}

  /**
   * Holds one receipt for review.
   *
   * @return the held session's id
   * @throws IllegalStateException if the store did not hold it
   */
  public static String holdOne(StoreApp app) {
    StoreEngine store = app.engine();
    StoreConfig config = app.config();
    SimulatedShelves shelves =
        new SimulatedShelves(config, store.database().read(c -> store.stock().onHand(c)), 1);
    shelves.attach(StoreDevices.sensorsOf(app.devices(), store.shelves()));
    String other = store.enter(TestCards.next(new Random(11))).sessionId();
    String sid = store.enter(TestCards.next(new Random(12))).sessionId();
    List<StoreConfig.Lane> lanes = config.lanes();
    StoreConfig.Lane lane = lanes.get(0);
    try (Tracker tracker = new Tracker(store)) {
      tracker.standAt(sid, lane, 0);
      tracker.standAt(other, lane, 0.15);
      if (!shelves.take(lane.id())) {
        throw new IllegalStateException("lane " + lane.id() + " is empty");
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (store.database().read(c -> store.sessions().cart(c, sid)).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cart fusion gave " + sid + " nothing");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      tracker.lingerAfterPick();
      tracker.left(other);
      tracker.left(sid);
    }
    if (store.exit(other).outcome().equals(ReviewDesk.HELD)) {
      // fusion doubted the other shopper too: staff look and find nothing taken
      store.reviews().decide(other, ReviewDesk.Request.approve(), "staff", "nothing taken");
    }
    StoreEngine.CheckoutResult out = store.exit(sid);
    if (!out.outcome().equals(ReviewDesk.HELD)) {
      throw new IllegalStateException("not held for review: " + out.outcome());
    }
    return sid;
  }

  /**
   * The store's ceiling tracker in a test: reports where each shopper stands at 10 Hz until the
   * shopper leaves or the tracker is closed. Cart fusion weighs where each shopper stood over the
   * 0.8 s before a shelf change began; a tracker that reported a shopper once would leave that
   * window empty whenever the shelf readings come late, as they do on a loaded machine.
   */
  public static final class Tracker implements AutoCloseable {
    private static final long EVERY_MS = 100;
    private final StoreEngine store;
    private final Map<String, double[]> standing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reports =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "test-tracker");
              t.setDaemon(true);
              return t;
            });

    /** Starts reporting to {@code store} (nobody yet). */
    public Tracker(StoreEngine store) {
      this.store = store;
      reports.scheduleAtFixedRate(this::report, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The shopper stands in front of {@code lane}, {@code offsetMetres} along the shelf from its
     * middle, from now on (reported at once, then at 10 Hz).
     */
    public void standAt(String session, StoreConfig.Lane lane, double offsetMetres) {
      var p = store.plan().lane(lane.id()).orElseThrow();
      double[] at = {p.x() + offsetMetres, p.y() + 0.4};
      standing.put(session, at);
      store.position(session, at[0], at[1]);
    }

    /**
     * The shopper steps up to {@code lane} and stands there for a second before reaching in, as
     * people do: this is the scenario's own time, not a wait for the store.
     */
    public void stepUpTo(String session, StoreConfig.Lane lane) {
      standAt(session, lane, 0);
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * The shopper stays where they are for a moment after their pick shows in the cart, before
     * walking on (the scenario's own time). Cart fusion weighs where each shopper stood until 1.2 s
     * after a shelf change began, and may revise its decision meanwhile; a pick in the cart shows
     * fusion has seen the change begin, so staying 1.2 s from then keeps that window at the lane
     * however late a loaded machine delivered the readings.
     */
    public void lingerAfterPick() {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1200));
    }

    /** The shopper is no longer reported (on the way out). */
    public void left(String session) {
      standing.remove(session);
    }

    private void report() {
      standing.forEach((session, at) -> store.position(session, at[0], at[1]));
    }

    /** Stops reporting. */
    @Override
    public void close() {
      reports.shutdownNow();
      try {
        reports.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
