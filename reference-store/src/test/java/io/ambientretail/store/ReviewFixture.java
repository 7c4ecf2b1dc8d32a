package io.ambientretail.store;

import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.devices.StoreDevices;
import io.ambientretail.store.engine.ReviewDesk;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.SimulatedShelves;
import io.ambientretail.store.sim.TestCards;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes a walk-out receipt held for review in a store without a simulation: two shoppers stand at
 * one lane, the session's a little nearer, and one unit leaves it (cart fusion gives it to the
 * nearer one, unsure, which flags the session), and that shopper walks out. The other shopper's
 * empty cart, flagged too, is decided first (nothing taken), so one receipt is left held.
 */
public final class ReviewFixture {
  private ReviewFixture() {}

  /**
   * The ceiling tracker sees a shopper standing in front of a lane, {@code offsetMetres} along the
   * shelf from its middle.
   */
  public static void standAt(
      StoreEngine store, String session, StoreConfig.Lane lane, double offsetMetres) {
    var p = store.plan().lane(lane.id()).orElseThrow();
    store.position(session, p.x() + offsetMetres, p.y() + 0.4);
  }

  /**
   * A shopper steps up to a lane and stands there for a second before reaching in, as people do,
   * with the tracker reporting at 10 Hz: cart fusion weighs where each shopper stood over the 0.8 s
   * before a change, so a shopper who was elsewhere a moment ago is not placed at the lane yet.
   * This is the scenario's own time, not a wait for the store.
   */
  public static void stepUpTo(StoreEngine store, String session, StoreConfig.Lane lane) {
    for (int i = 0; i < 10; i++) {
      standAt(store, session, lane, 0);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

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
    standAt(store, sid, lane, 0);
    standAt(store, other, lane, 0.15);
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
}
