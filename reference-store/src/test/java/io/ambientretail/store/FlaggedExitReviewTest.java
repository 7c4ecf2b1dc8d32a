package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.SessionBook;
import io.ambientretail.store.devices.StoreDevices;
import io.ambientretail.store.engine.ReviewDesk;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.pay.GatewaySetting;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.SimulatedShelves;
import io.ambientretail.store.sim.TestCards;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exit cart fusion flagged is held for a person whatever the cart says: two scripted shoppers
 * stand at one lane, a unit leaves it, fusion gives it to the nearer one, unsure; the other leaves
 * with an empty cart that is flagged too. Before, that exit was closed "nothing taken" and its hold
 * released unseen.
 */
class FlaggedExitReviewTest {
  @TempDir Path tmp;

  @Test
  void stockLeavingWithNoSale_reconciliationRaisesAnAlert() throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      StoreConfig config =
          GatewaySetting.withGateway(
              StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), acquirer.uri().toString());
      try (StoreApp app =
          StoreApp.start(
              new StoreApp.Options(
                  config,
                  tmp.resolve("data"),
                  null,
                  0,
                  false,
                  false,
                  ShopperSimulation.Pace.FAST,
                  1,
                  1))) {
        StoreEngine store = app.engine();
        SimulatedShelves shelves =
            new SimulatedShelves(config, store.database().read(c -> store.stock().onHand(c)), 1);
        shelves.attach(StoreDevices.sensorsOf(app.devices(), store.shelves()));
        StoreConfig.Lane lane = config.lanes().get(2);
        int before = shelves.units(lane.id());
        // two units leave the shelf and nobody pays for them
        assertThat(shelves.take(lane.id())).isTrue();
        assertThat(shelves.take(lane.id())).isTrue();
        assertThat(store.shelves().awaitPublished(lane.id(), before - 2, 10_000)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        java.util.Optional<io.ambientretail.store.db.AlertBook.Alert> alert;
        do {
          store.reconcileShelves("reconcile:test");
          alert =
              store
                  .database()
                  .read(c -> store.alerts().open(c, StoreEngine.STOCK_LEFT_UNPAID, lane.id()));
          if (alert.isEmpty()) {
            assertThat(System.nanoTime()).as("alert raised in time").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
          }
        } while (alert.isEmpty());
        assertThat(alert.get().message()).contains("2 unit(s)", lane.id(), "no sale");
      }
    }
  }

  @Test
  void flaggedExit_withEmptyCart_isHeldForReview_notReleased() throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      StoreConfig config =
          GatewaySetting.withGateway(
              StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), acquirer.uri().toString());
      try (StoreApp app =
          StoreApp.start(
              new StoreApp.Options(
                  config,
                  tmp.resolve("data"),
                  null,
                  0,
                  false,
                  false,
                  ShopperSimulation.Pace.FAST,
                  1,
                  1))) {
        StoreEngine store = app.engine();
        SimulatedShelves shelves =
            new SimulatedShelves(config, store.database().read(c -> store.stock().onHand(c)), 1);
        shelves.attach(StoreDevices.sensorsOf(app.devices(), store.shelves()));
        String other = store.enter(TestCards.next(new Random(11))).sessionId();
        String near = store.enter(TestCards.next(new Random(12))).sessionId();
        StoreConfig.Lane lane = config.lanes().get(0);
        try (ReviewFixture.Tracker tracker = new ReviewFixture.Tracker(store)) {
          tracker.standAt(near, lane, 0);
          tracker.standAt(other, lane, 0.15);
          assertThat(shelves.take(lane.id())).isTrue();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (store.database().read(c -> store.sessions().cart(c, near)).isEmpty()) {
            assertThat(System.nanoTime())
                .as("fusion gave the unit to someone")
                .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
          }
          tracker.lingerAfterPick();
          tracker.left(other);
          tracker.left(near);
        }
        java.util.List<SessionBook.CartLine> otherCart =
            store.database().read(c -> store.sessions().cart(c, other));
        assertThat(otherCart).isEmpty();

        StoreEngine.CheckoutResult out = store.exit(other);
        assertThat(out.outcome()).isEqualTo(ReviewDesk.HELD);
        assertThat(store.database().read(c -> store.sessions().get(c, other)).orElseThrow().state())
            .isEqualTo(SessionBook.State.REVIEW);
        assertThat(store.reviews().pending()).extracting(r -> r.get("session")).contains(other);
        // the hold is still open: nothing released before a person looked
        assertThat(acquirer.performed(AcquirerOperation.RELEASE)).isZero();
        assertThat(app.payments().walkOut().openSessions())
            .extracting(w -> w.id().value())
            .contains(other);
      }
    }
  }
}
