package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.SessionBook;
import io.ambientretail.store.devices.StoreDevices;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.SimulatedShelves;
import io.ambientretail.store.sim.TestCards;
import io.ambientretail.testing.acquirer.AcquirerFault;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-out money rules through the store, against sdk-testing's acquirer on loopback HTTP (its
 * books are the evidence): the door opens only on an approved hold, the hold is incremented as the
 * basket outgrows it, the exit captures once and releases the rest, an empty basket releases the
 * hold, a refused increment ends in a capture of the hold plus a second charge, a refund goes back
 * by receipt, and a session near its capture deadline is settled at its basket.
 */
class WalkOutPaymentsTest {
  private static final long HOLD = 500;
  @TempDir Path tmp;
  private SimulatedAcquirer acquirer;
  private StoreApp app;
  private StoreEngine store;
  private SimulatedShelves shelves;
  private StoreConfig config;

  private void start(SimulatedAcquirer a) {
    start(a, StoreConfig.Offline.DEFAULTS);
  }

  private void start(SimulatedAcquirer a, StoreConfig.Offline offline) {
    acquirer = a;
    StoreConfig demo = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
    config =
        new StoreConfig(
            demo.storeId(),
            demo.name(),
            demo.kind(),
            demo.region(),
            demo.privacyRegime(),
            demo.currency(),
            demo.zone(),
            new StoreConfig.Payment(a.uri().toString(), HOLD, 0, 0.0, offline),
            demo.devices(),
            demo.shelves(),
            demo.replenishment(),
            demo.privacy(),
            demo.tokens());
    app =
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
                1));
    store = app.engine();
    shelves = new SimulatedShelves(config, store.database().read(c -> store.stock().onHand(c)), 1);
    // the store's simulated shelf controllers report these shelves' loads: a reading the test
    // sends itself is then never overtaken by a controller still streaming the old load
    shelves.attach(StoreDevices.sensorsOf(app.devices(), store.shelves()));
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (acquirer != null) {
      acquirer.close();
    }
  }

  @Test
  void basketOverHold_isIncremented_thenCapturedOnce() throws Exception {
    start(SimulatedAcquirer.start());
    String sid = enter(1);
    long total = pick(sid, 4);
    assertThat(total).isGreaterThan(HOLD);
    await("an increment", () -> acquirer.performed(AcquirerOperation.INCREMENT) >= 1);
    var out = store.exit(sid);
    assertThat(out.receipt()).as(out.outcome()).isPresent();
    assertThat(out.receipt().get().totalMinor()).isEqualTo(total);
    assertThat(acquirer.captures()).containsExactly(money(total));
    assertThat(acquirer.charges()).isEmpty();
    assertThat(acquirer.netMinor("EUR")).isEqualTo(total);
    assertThat(app.summary().doubleCaptures()).isZero();
  }

  @Test
  void emptyBasket_releasesTheHold_withoutReceipt() throws Exception {
    start(SimulatedAcquirer.start());
    String sid = enter(2);
    var out = store.exit(sid);
    assertThat(out.receipt()).isEmpty();
    assertThat(acquirer.performed(AcquirerOperation.RELEASE)).isEqualTo(1);
    assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isZero();
    assertThat(state(sid)).isEqualTo(SessionBook.State.ABANDONED);
  }

  @Test
  void offlineLimitsFromConfig_reachTheStoreAndForwardPolicy() throws Exception {
    start(SimulatedAcquirer.start(), new StoreConfig.Offline(3, 7, 10, 1));
    var policy = app.payments().offlinePolicy();
    assertThat(policy.perCardLimit()).isEqualTo(money(3 * HOLD));
    assertThat(policy.totalExposure()).isEqualTo(money(7 * HOLD));
    assertThat(policy.maxAge()).isEqualTo(Duration.ofHours(10));
    assertThat(policy.warnBefore()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void declinedHold_keepsTheDoorShut() throws Exception {
    start(SimulatedAcquirer.start());
    acquirer.enqueue(
        AcquirerOperation.AUTHORISE, AcquirerFault.decline(DeclineReason.INSUFFICIENT_FUNDS));
    StoreEngine.EntryResult e = store.enter(TestCards.next(new Random(3)));
    assertThat(e.admitted()).isFalse();
    assertThat(e.declineReason()).contains("INSUFFICIENT_FUNDS");
    assertThat(state(e.sessionId())).isEqualTo(SessionBook.State.DECLINED);
    assertThat(store.peopleInStore()).isZero();
  }

  @Test
  void refusedIncrement_capturesTheHold_andChargesTheRestOnce() throws Exception {
    start(SimulatedAcquirer.start());
    for (int i = 0; i < 5; i++) {
      acquirer.enqueue(
          AcquirerOperation.INCREMENT,
          AcquirerFault.decline(DeclineReason.INCREMENT_NOT_SUPPORTED));
    }
    String sid = enter(4);
    long total = pick(sid, 4);
    await("the refused increment", () -> acquirer.received(AcquirerOperation.INCREMENT) >= 1);
    var out = store.exit(sid);
    assertThat(out.receipt()).as(out.outcome()).isPresent();
    assertThat(acquirer.captures()).containsExactly(money(HOLD));
    assertThat(acquirer.charges()).containsExactly(money(total - HOLD));
    assertThat(acquirer.netMinor("EUR")).isEqualTo(total);
    RunSummary s = app.summary();
    assertThat(s.doubleCaptures()).isZero();
    assertThat(s.capturedMinor()).isEqualTo(total);
  }

  @Test
  void refund_byReceipt_goesBackToTheCardOnce() throws Exception {
    start(SimulatedAcquirer.start());
    String sid = enter(5);
    long total = pick(sid, 2);
    var out = store.exit(sid);
    String receipt = out.receipt().orElseThrow().receiptId();
    store.refund(receipt, 100, "dented can", "op");
    assertThat(acquirer.performed(AcquirerOperation.REFUND)).isEqualTo(1);
    assertThat(acquirer.netMinor("EUR")).isEqualTo(total - 100);
    assertThat(app.summary().capturedMinor()).isEqualTo(total - 100);
    assertThat(app.payments().walkOutReceipt(sid).orElseThrow().charged())
        .isEqualTo(money(total - 100));
  }

  @Test
  void captureDeadlineNear_settlesTheSessionAtItsBasket() throws Exception {
    // the acquirer's capture window (30 min) is inside the store's settle margin (1 h)
    start(SimulatedAcquirer.builder().captureWindow(Duration.ofMinutes(30)).start());
    String sid = enter(6);
    long total = pick(sid, 4);
    await(
        "the basket reaches the SDK session",
        () -> acquirer.performed(AcquirerOperation.INCREMENT) >= 1);
    store.paymentHousekeeping();
    await("the deadline settlement", () -> state(sid) == SessionBook.State.CLOSED);
    assertThat(acquirer.captures()).containsExactly(money(total));
    assertThat(
            store
                .database()
                .read(c -> store.receipts().ofSession(c, sid))
                .orElseThrow()
                .totalMinor())
        .isEqualTo(total);
  }

  private String enter(long card) {
    StoreEngine.EntryResult e = store.enter(TestCards.next(new Random(card)));
    assertThat(e.admitted()).as(e.declineReason()).isTrue();
    return e.sessionId();
  }

  /** Takes one unit from each of the first {@code n} lanes; returns the cart total. */
  private long pick(String sid, int n) {
    long total = 0;
    List<StoreConfig.Lane> lanes = config.lanes();
    for (int i = 0; i < n; i++) {
      StoreConfig.Lane l = lanes.get(i);
      // the store's simulated shelf controllers stream the lane's new load to cart fusion
      store.reach(sid, l.shelfId());
      assertThat(shelves.take(l.id())).isTrue();
      total += l.priceMinor();
    }
    long t = total;
    await(
        () ->
            "the cart of "
                + t
                + ", was "
                + store.database().read(c -> store.sessions().cart(c, sid)),
        () ->
            store.database().read(c -> store.sessions().cart(c, sid)).stream()
                    .mapToLong(SessionBook.CartLine::priceMinor)
                    .sum()
                == t);
    return total;
  }

  private SessionBook.State state(String sid) {
    return store.database().read(c -> store.sessions().get(c, sid)).orElseThrow().state();
  }

  private Money money(long minor) {
    return Money.ofMinor(minor, config.currency());
  }

  private static void await(String what, BooleanSupplier condition) {
    await(() -> what, condition);
  }

  /** Waits for {@code condition} (30 s at most); {@code what} describes it when it fails. */
  private static void await(java.util.function.Supplier<String> what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        assertThat(System.nanoTime()).as("waiting for " + what.get()).isLessThan(deadline);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
