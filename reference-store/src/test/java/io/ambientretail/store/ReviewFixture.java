package io.ambientretail.store;

import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.devices.StoreDevices;
import io.ambientretail.store.engine.ReviewDesk;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.SimulatedShelves;
import io.ambientretail.store.sim.TestCards;
import java.util.List;
import java.util.Random;

/**
 * Makes a walk-out receipt held for review in a store without a simulation: two shoppers reach
 * into one shelf within the ambiguity window and one unit leaves it (the store gives it to the
 * later one, flagged), and that shopper walks out.
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
    SimulatedShelves shelves = new SimulatedShelves(config,
        store.database().read(c -> store.stock().onHand(c)), 1);
    shelves.attach(StoreDevices.sensorsOf(app.devices(), store.shelves()));
    String other = store.enter(TestCards.next(new Random(11))).sessionId();
    String sid = store.enter(TestCards.next(new Random(12))).sessionId();
    List<StoreConfig.Lane> lanes = config.lanes();
    StoreConfig.Lane lane = lanes.get(0);
    synchronized (shelves.lock()) {
      store.reach(other, lane.shelfId());
      store.reach(sid, lane.shelfId());
      if (!shelves.take(lane.id())) {
        throw new IllegalStateException("lane " + lane.id() + " is empty");
      }
      store.shelfReading(lane.id(), shelves.weightMg(lane.id()));
    }
    store.exit(other);
    StoreEngine.CheckoutResult out = store.exit(sid);
    if (!out.outcome().equals(ReviewDesk.HELD)) {
      throw new IllegalStateException("not held for review: " + out.outcome());
    }
    return sid;
  }
}
