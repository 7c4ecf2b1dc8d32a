package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.pay.GatewaySetting;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the store (a child JVM running a busy demo) with SIGKILL at random points, restarts it on
 * the same data each time, and proves: no payment captured twice and no receipt lost (the acquirer,
 * which runs in this test's JVM and so survives the kills, captured exactly once per receipt and
 * settled exactly the receipts' total), every entry hold ended in one capture or one release, stock
 * equals the ledger, and no session is left open in the store or in the SDK's payment journal
 * except receipts held for review, which stay held until decided (here by the review deadline).
 */
class CrashRecoveryTest {
  @TempDir Path tmp;

  @Test
  void killNineDuringBusyDemo_restart_isConsistent() throws Exception {
    Path data = tmp.resolve("data");
    Random random = new Random();
    long seed = random.nextLong();
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      for (int round = 0; round < 3; round++) {
        long before = receipts(data);
        long killAt = before + 3 + random.nextInt(15);
        Process p = startChild(data, seed + round, acquirer.uri().toString());
        try {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
          while (receipts(data) < killAt && p.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
          }
          long s0 = seed + round;
          assertThat(p.isAlive())
              .as(
                  () ->
                      "seed "
                          + s0
                          + ": the store was still busy when"
                          + " killed; its log:\n"
                          + childLog(data, s0))
              .isTrue();
          assertThat(receipts(data))
              .as(
                  () ->
                      "seed "
                          + s0
                          + ": receipts before the kill; its"
                          + " log:\n"
                          + childLog(data, s0))
              .isGreaterThanOrEqualTo(killAt);
        } finally {
          p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
          p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(p.exitValue()).isEqualTo(137);
      }

      // restart on the same data: recovery settles whatever was in flight
      var config =
          GatewaySetting.withGateway(
              StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), acquirer.uri().toString());
      try (StoreApp app =
          StoreApp.start(
              new StoreApp.Options(
                  config,
                  data,
                  null,
                  0,
                  false,
                  false,
                  io.ambientretail.store.sim.ShopperSimulation.Pace.FAST,
                  1,
                  1))) {
        Database db = app.engine().database();
        assertThat(app.recoveredSessions()).as("sessions the last kill left open").isPositive();
        assertThat(
                one(
                    db,
                    "SELECT COUNT(*) FROM sessions WHERE state IN"
                        + " ('AUTHORIZING','OPEN','CHECKOUT')"))
            .as("open sessions")
            .isZero();
        // receipts held for review stay held across the restart, their entry hold still open in
        // the SDK; the review deadline then applies the store's default decision to each
        List<String> held =
            db
                .read(
                    c ->
                        app.engine()
                            .sessions()
                            .inStates(c, io.ambientretail.store.db.SessionBook.State.REVIEW))
                .stream()
                .map(io.ambientretail.store.db.SessionBook.Session::sessionId)
                .toList();
        assertThat(app.payments().walkOut().openSessions())
            .as("open SDK sessions")
            .extracting(w -> w.id().value())
            .containsExactlyInAnyOrderElementsOf(held);
        app.engine().reviews().applyDeadlines(System.currentTimeMillis() + 86_400_000L);
        assertThat(one(db, "SELECT COUNT(*) FROM sessions WHERE state = 'REVIEW'"))
            .as("receipts still held after the deadline")
            .isZero();
        assertThat(app.payments().walkOut().openSessions()).as("open SDK sessions").isEmpty();
        assertThat(
                one(
                    db,
                    "SELECT COUNT(*) FROM payment_journal WHERE state = 'PENDING' AND op"
                        + " IN ('CAPTURE','SALE')"))
            .as("captures in flight")
            .isZero();
        long receipts = one(db, "SELECT COUNT(*) FROM receipts");
        long receiptTotal = one(db, "SELECT COALESCE(SUM(total_minor), 0) FROM receipts");
        assertThat(receipts).isPositive();
        // the acquirer's books: one capture per receipt, the money exactly the receipts' total
        assertThat(
                acquirer.performed(AcquirerOperation.CAPTURE)
                    + acquirer.performed(AcquirerOperation.CHARGE))
            .as("captures and charges")
            .isEqualTo((int) receipts);
        assertThat(acquirer.netMinor("EUR")).as("settled at the acquirer").isEqualTo(receiptTotal);
        // every hold placed at entry ended once: captured or released
        assertThat(acquirer.performed(AcquirerOperation.AUTHORISE))
            .as("holds")
            .isEqualTo(
                acquirer.performed(AcquirerOperation.CAPTURE)
                    + acquirer.performed(AcquirerOperation.RELEASE));
        // the store's own view agrees: no double capture, every receipt backed by its capture
        RunSummary summary =
            RunSummary.compute(app.engine(), app.payments(), 0, data, app.truthFile());
        assertThat(summary.doubleCaptures()).isZero();
        assertThat(summary.capturedMinor()).isEqualTo(receiptTotal);
        long twice = db.read(c -> app.engine().journal().sessionsCapturedTwice(c));
        assertThat(twice).isZero();
        assertThat(
                one(
                    db,
                    "SELECT COUNT(*) FROM receipts r WHERE NOT EXISTS (SELECT 1 FROM"
                        + " payment_journal j WHERE j.session_id = r.session_id AND j.state = 'APPROVED' AND"
                        + " j.op = 'CAPTURE')"))
            .as("receipts without capture")
            .isZero();
        // stock equals the ledger on every lane
        for (var l : db.read(c -> app.engine().stock().lanes(c))) {
          assertThat(l.onHand()).as(l.laneId()).isEqualTo(l.ledgerSum());
        }
        // sales in the ledger match the receipts' items
        assertThat(
                -one(
                    db,
                    "SELECT COALESCE(SUM(quantity), 0) FROM inventory_ledger WHERE"
                        + " entry_type = 'SALE'"))
            .isEqualTo(one(db, "SELECT COALESCE(SUM(item_count), 0) FROM receipts"));
      }
    }
  }

  private static Process startChild(Path data, long seed, String gateway) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.ambientretail.store.cli.AmbientMain",
                "store",
                "demo",
                "--shoppers",
                "400",
                "--exit-when-done",
                "--port",
                "0",
                "--seed",
                Long.toString(seed),
                "--data",
                data.toString(),
                "--gateway",
                gateway));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    pb.redirectOutput(data.getParent().resolve("child-" + seed + ".log").toFile());
    return pb.start();
  }

  private static String childLog(Path data, long seed) {
    try {
      List<String> lines =
          java.nio.file.Files.readAllLines(data.getParent().resolve("child-" + seed + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static long receipts(Path data) {
    File db = data.resolve("store.db").toFile();
    if (!db.exists()) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM receipts")) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      return 0; // not migrated yet, or busy: the next poll sees it
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
