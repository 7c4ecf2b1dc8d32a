package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.pay.SimulatedAcquirer;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the store (a child JVM running a busy demo) with SIGKILL at random points, restarts it on
 * the same data each time, and proves: no payment captured twice (journal and acquirer books), no
 * receipt lost (every capture the acquirer made has a receipt), stock equals the ledger, and no
 * session left open.
 */
class CrashRecoveryTest {
  @TempDir Path tmp;

  @Test
  void killNineDuringBusyDemo_restart_isConsistent() throws Exception {
    Path data = tmp.resolve("data");
    Random random = new Random();
    long seed = random.nextLong();
    int kills = 0;
    for (int round = 0; round < 3; round++) {
      long before = receipts(data);
      long killAt = before + 3 + random.nextInt(15);
      Process p = startChild(data, seed + round);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (receipts(data) < killAt && p.isAlive() && System.nanoTime() < deadline) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(p.isAlive()).as("seed " + seed + ": the store was still busy when killed")
            .isTrue();
      } finally {
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        p.waitFor(30, TimeUnit.SECONDS);
      }
      kills++;
      assertThat(p.exitValue()).isEqualTo(137);
    }
    assertThat(kills).isEqualTo(3);

    // restart on the same data: recovery settles whatever was in flight
    var config = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
    try (StoreApp app = StoreApp.start(new StoreApp.Options(config, data, null, 0, false, false,
        io.ambientretail.store.sim.ShopperSimulation.Pace.FAST, 1, 1))) {
      Database db = app.engine().database();
      assertThat(app.recoveredSessions()).as("sessions the last kill left open").isPositive();
      assertThat(one(db, "SELECT COUNT(*) FROM sessions WHERE state IN"
          + " ('AUTHORIZING','OPEN','CHECKOUT')")).as("open sessions").isZero();
      assertThat(one(db, "SELECT COUNT(*) FROM payment_journal WHERE state = 'PENDING' AND op IN"
          + " ('CAPTURE','SALE')")).as("captures in flight").isZero();
      long twice = db.read(c -> app.engine().journal().sessionsCapturedTwice(c));
      assertThat(twice).isZero();
      assertThat(SimulatedAcquirer.doubleCaptures(app.acquirerBooks())).isZero();
      // every approved capture has exactly one receipt, and the other way round
      assertThat(one(db, "SELECT COUNT(*) FROM payment_journal j WHERE j.state = 'APPROVED' AND"
          + " j.op = 'CAPTURE' AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.session_id ="
          + " j.session_id)")).as("captures without receipt").isZero();
      assertThat(one(db, "SELECT COUNT(*) FROM receipts r WHERE NOT EXISTS (SELECT 1 FROM"
          + " payment_journal j WHERE j.session_id = r.session_id AND j.state = 'APPROVED' AND"
          + " j.op = 'CAPTURE')")).as("receipts without capture").isZero();
      // every capture the acquirer booked is known to the store, with a receipt
      Set<String> acquirerCaptured = acquirerCaptureKeys(app.acquirerBooks());
      Set<String> storeReceipted = new HashSet<>();
      db.read(c -> {
        try (ResultSet r = c.createStatement().executeQuery("SELECT session_id FROM receipts")) {
          while (r.next()) {
            storeReceipted.add("capture:" + r.getString(1));
          }
        }
        return null;
      });
      assertThat(acquirerCaptured).isNotEmpty();
      assertThat(storeReceipted).containsAll(acquirerCaptured);
      long storeCaptured = db.read(c -> app.engine().journal().capturedGrossMinor(c));
      assertThat(storeCaptured).isEqualTo(acquirerCapturedMinor(app.acquirerBooks()));
      // stock equals the ledger on every lane
      for (var l : db.read(c -> app.engine().stock().lanes(c))) {
        assertThat(l.onHand()).as(l.laneId()).isEqualTo(l.ledgerSum());
      }
      // sales in the ledger match the receipts' items
      assertThat(-one(db, "SELECT COALESCE(SUM(quantity), 0) FROM inventory_ledger WHERE"
          + " entry_type = 'SALE'")).isEqualTo(one(db, "SELECT COALESCE(SUM(item_count), 0) FROM receipts"));
    }
  }

  private static Process startChild(Path data, long seed) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), "io.ambientretail.store.cli.AmbientMain",
        "store", "demo", "--shoppers", "400", "--exit-when-done", "--port", "0",
        "--seed", Long.toString(seed), "--data", data.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    pb.redirectOutput(data.getParent().resolve("child-" + seed + ".log").toFile());
    return pb.start();
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
    return db.read(c -> {
      try (ResultSet r = c.createStatement().executeQuery(sql)) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  private static Set<String> acquirerCaptureKeys(Path books) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + books);
        ResultSet r = c.createStatement().executeQuery(
            "SELECT idem_key FROM acquirer_ops WHERE op = 'capture' AND approved = 1")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private static long acquirerCapturedMinor(Path books) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + books);
        ResultSet r = c.createStatement().executeQuery("SELECT COALESCE(SUM(amount_minor), 0)"
            + " FROM acquirer_ops WHERE op = 'capture' AND approved = 1")) {
      r.next();
      return r.getLong(1);
    }
  }

}
