package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.pay.GatewaySetting;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Takes the acquirer down in the middle of a busy walk-out demo and brings it back: shoppers keep
 * entering under sdk-payments' store-and-forward limits, their charges are queued durably, and when
 * the acquirer answers again each queued payment is charged exactly once, the exits that were in
 * flight are captured once, and every receipt is backed by exactly its money.
 */
class OfflinePaymentsTest {
  @TempDir Path tmp;

  @Test
  void acquirerDownMidDemo_queuedPaymentsChargedOnceWhenBack() throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      var config =
          GatewaySetting.withGateway(
              StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), acquirer.uri().toString());
      try (StoreApp app =
          StoreApp.start(
              StoreApp.Options.demo(config, tmp.resolve("data"), 0, 21).withServe(false))) {
        Database db = app.engine().database();
        app.simulation().run(40);
        await("receipts online", () -> one(db, "SELECT COUNT(*) FROM receipts") >= 3);
        acquirer.offline(true);
        await(
            "shoppers admitted offline",
            () ->
                one(
                        db,
                        "SELECT COUNT(*) FROM payment_journal"
                            + " WHERE op = 'AUTHORIZE' AND acquirer_ref = 'offline'")
                    >= 3);
        await("an offline charge queued", () -> !app.payments().offlineQueue().pending().isEmpty());
        assertThat(acquirer.performed(AcquirerOperation.CHARGE)).as("charged while down").isZero();
        assertThat(one(db, "SELECT COUNT(*) FROM alerts WHERE kind = 'payment_offline'"))
            .as("offline alert")
            .isPositive();
        acquirer.offline(false);
        assertThat(app.simulation().awaitDone(180, TimeUnit.SECONDS)).isTrue();
        await(
            "queue forwarded and sessions settled",
            () ->
                app.payments().offlineQueue().pending().isEmpty()
                    && one(
                            db,
                            "SELECT COUNT(*) FROM sessions WHERE state IN"
                                + " ('AUTHORIZING','OPEN','CHECKOUT','REVIEW')")
                        == 0);

        long queued =
            one(
                db,
                "SELECT COUNT(*) FROM payment_journal WHERE state = 'APPROVED'"
                    + " AND acquirer_ref = 'offline-queued'");
        long receipts = one(db, "SELECT COUNT(*) FROM receipts");
        long receiptTotal = one(db, "SELECT COALESCE(SUM(total_minor), 0) FROM receipts");
        assertThat(queued).as("receipts paid through the offline queue").isPositive();
        // each queued payment was charged once; every other receipt was captured once
        assertThat(acquirer.performed(AcquirerOperation.CHARGE)).isEqualTo((int) queued);
        assertThat(acquirer.performed(AcquirerOperation.CAPTURE))
            .isEqualTo((int) (receipts - queued));
        assertThat(acquirer.netMinor("EUR")).isEqualTo(receiptTotal);
        RunSummary s = app.summary();
        assertThat(s.doubleCaptures()).isZero();
        assertThat(s.capturedMinor()).isEqualTo(receiptTotal);
        assertThat(s.panLeaks()).isZero();
      }
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  private static long one(Database db, String sql) {
    return db.read(
        c -> {
          try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
          }
        });
  }
}
