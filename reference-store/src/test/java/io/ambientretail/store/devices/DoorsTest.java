package io.ambientretail.store.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.devices.lock.LockSimulator;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.SessionBook;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.TestCards;
import io.ambientretail.testing.acquirer.AcquirerFault;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-out doors over the simulated lock relays (DoorLock over in-process lines): the entry
 * door unlocks only for an admitted shopper, a relay that does not acknowledge keeps the door shut
 * and is reported, and the exit gate opens once the exit is settled.
 */
class DoorsTest {
  @TempDir Path tmp;
  private SimulatedAcquirer acquirer;
  private StoreApp app;
  private StoreEngine store;
  private LockSimulator door;
  private LockSimulator gate;

  @BeforeEach
  void start() throws Exception {
    acquirer = SimulatedAcquirer.start();
    StoreConfig demo = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
    StoreConfig config =
        new StoreConfig(
            demo.storeId(),
            demo.name(),
            demo.kind(),
            demo.region(),
            demo.privacyRegime(),
            demo.currency(),
            demo.zone(),
            new StoreConfig.Payment(acquirer.uri().toString(), 500, 0, 0.0),
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
    door = app.devices().lock("door-1");
    gate = app.devices().lock("exit-gate-1");
    assertThat(door).isNotNull();
    assertThat(gate).isNotNull();
    Conditions.await(
        () -> Boolean.TRUE.equals(app.devices().online().get("door-1")), "door-1 online");
    Conditions.await(
        () -> Boolean.TRUE.equals(app.devices().online().get("exit-gate-1")), "exit-gate-1 online");
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
  void declinedEntry_leavesTheDoorLocked_admittedEntryUnlocksIt() {
    acquirer.enqueue(
        AcquirerOperation.AUTHORISE, AcquirerFault.decline(DeclineReason.INSUFFICIENT_FUNDS));
    StoreEngine.EntryResult declined = store.enter(TestCards.next(new Random(3)));
    assertThat(declined.admitted()).isFalse();
    assertThat(door.isLocked()).as("door after a decline").isTrue();

    StoreEngine.EntryResult admitted = store.enter(TestCards.next(new Random(4)));
    assertThat(admitted.admitted()).as(admitted.declineReason()).isTrue();
    assertThat(door.isLocked()).as("door after an approved hold").isFalse();
    assertThat(gate.isLocked()).as("exit gate while the shopper is inside").isTrue();
  }

  @Test
  void silentRelay_keepsTheDoorShut_closesTheSession_andRaisesDeviceOffline() {
    door.silent(true);
    StoreEngine.EntryResult e = store.enter(TestCards.next(new Random(5)));
    assertThat(e.admitted()).isFalse();
    assertThat(e.declineReason()).isEqualTo("door_unavailable");
    assertThat(door.isLocked()).isTrue();
    assertThat(store.peopleInStore()).isZero();
    assertThat(
            store
                .database()
                .read(c -> store.sessions().get(c, e.sessionId()))
                .orElseThrow()
                .state())
        .isEqualTo(SessionBook.State.ABANDONED);
    java.util.Optional<io.ambientretail.store.db.AlertBook.Alert> alert =
        store.database().read(c -> store.alerts().open(c, "device_offline", "door-1"));
    assertThat(alert).hasValueSatisfying(a -> assertThat(a.message()).contains("did not unlock"));
  }

  @Test
  void settledExit_opensTheExitGate() {
    StoreEngine.EntryResult e = store.enter(TestCards.next(new Random(6)));
    assertThat(e.admitted()).as(e.declineReason()).isTrue();
    assertThat(gate.isLocked()).isTrue();
    StoreEngine.CheckoutResult out = store.exit(e.sessionId());
    assertThat(out.outcome()).startsWith("nothing taken");
    assertThat(gate.isLocked()).as("exit gate after the settled exit").isFalse();
  }
}
