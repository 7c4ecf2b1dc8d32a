package io.ambientretail.store.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.StoreApp;
import io.ambientretail.store.TestDatabases;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.pay.ReturningCards;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.TestCards;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store's privacy state is durable through sdk-privacy's own stores in the store's database
 * (JdbcPrivacyStore, tables privacy_*): a delete request that one personal-data store refused
 * resumes after a restart and asks only that store again; an objection recorded by a request is the
 * same consent record returning-card recognition reads, also after a restart; a rectify request is
 * answered with the reason the store cannot correct anything.
 */
class DurablePrivacyTest {
  @TempDir Path tmp;

  private static StoreApp demo(Path data, String url) {
    return StoreApp.start(
        StoreApp.Options.demo(StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), data, 0, 31)
            .withServe(false)
            .withDb(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void deleteFailedAtOneStore_resumesAfterRestart_andAsksOnlyThatStoreAgain(String kind)
      throws Exception {
    String url = TestDatabases.fresh(kind, tmp);
    Path data = tmp.resolve("data");
    String shopper;
    String dsr;
    try (StoreApp app = demo(data, url)) {
      app.simulation().run(4);
      assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
      assertThat(app.awaitReviewsDecided(java.time.Duration.ofSeconds(60))).isTrue();
      Database db = app.engine().database();
      shopper =
          db.read(
                  c ->
                      all(
                          c,
                          "SELECT shopper_ref FROM receipts WHERE shopper_ref NOT IN"
                              + " ('erased', 'kiosk')"))
              .get(0);
      // the receipts store refuses for now: the database rejects every change to a receipt
      db.tx(
          c -> {
            try (Statement s = c.createStatement()) {
              if (kind.equals("sqlite")) {
                s.execute(
                    "CREATE TRIGGER refuse_receipts BEFORE UPDATE ON receipts BEGIN SELECT"
                        + " RAISE(ABORT, 'receipts are read-only for maintenance'); END");
              } else {
                s.execute(
                    "CREATE FUNCTION refuse_receipts() RETURNS trigger AS $$ BEGIN RAISE"
                        + " EXCEPTION 'receipts are read-only for maintenance'; END $$ LANGUAGE plpgsql");
                s.execute(
                    "CREATE TRIGGER refuse_receipts BEFORE UPDATE ON receipts FOR EACH ROW"
                        + " EXECUTE FUNCTION refuse_receipts()");
              }
            }
            return null;
          });

      Map<String, Object> partial = app.dsr().submit(shopper, "delete", "operator-1", Map.of());

      assertThat(partial.get("state")).as(partial.toString()).isEqualTo("PARTIAL");
      assertThat(partial.get("steps").toString()).contains("read-only for maintenance");
      dsr = (String) partial.get("dsr");
      assertThat(stepAudits(db, dsr, -1))
          .containsExactly(
              "card-data SUCCESS",
              "session-tracks SUCCESS",
              "receipts FAILURE",
              "audit-pseudonyms SUCCESS",
              "consents SUCCESS");
      // while it is in flight, the request keeps whom it is about: the restart needs it
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM privacy_dsr_request WHERE id = '"
                      + dsr
                      + "' AND subject = '"
                      + shopper
                      + "' AND state = 'PARTIAL'"))
          .isEqualTo(1);
    }
    long lastSeqBefore;
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER refuse_receipts" + (kind.equals("sqlite") ? "" : " ON receipts"));
      try (ResultSet r = s.executeQuery("SELECT MAX(seq) FROM audit_log")) {
        r.next();
        lastSeqBefore = r.getLong(1);
      }
    }

    try (StoreApp app = demo(data, url)) {
      Database db = app.engine().database();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!"COMPLETED".equals(app.dsr().get(dsr).get("state")) && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll with a deadline
      }
      Map<String, Object> done = app.dsr().get(dsr);
      assertThat(done.get("state")).as(done.toString()).isEqualTo("COMPLETED");
      assertThat(stepAudits(db, dsr, lastSeqBefore))
          .as("only the refused store was asked again")
          .containsExactly("receipts SUCCESS");
      assertThat(stepAudits(db, dsr, -1))
          .containsSubsequence(
              "card-data SUCCESS",
              "session-tracks SUCCESS",
              "receipts FAILURE",
              "audit-pseudonyms SUCCESS",
              "consents SUCCESS",
              "receipts SUCCESS")
          .containsOnlyOnce(
              "card-data SUCCESS",
              "session-tracks SUCCESS",
              "audit-pseudonyms SUCCESS",
              "consents SUCCESS");
      assertThat(count(db, "SELECT COUNT(*) FROM receipts WHERE shopper_ref = '" + shopper + "'"))
          .isZero();
      assertThat(count(db, "SELECT COUNT(*) FROM receipts WHERE shopper_ref = 'erased'"))
          .isPositive();
      // answered: the request is kept under its audit pseudonym, never the shopper's reference
      assertThat(
              count(
                  db, "SELECT COUNT(*) FROM privacy_dsr_request WHERE subject = '" + shopper + "'"))
          .isZero();
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM privacy_dsr_request WHERE id = '"
                      + dsr
                      + "' AND subject = '"
                      + done.get("subject")
                      + "' AND state = 'COMPLETED'"))
          .isEqualTo(1);
    }
  }

  @Test
  void objectionByRequest_endsRecognition_forTheSameRecord_alsoAfterARestart() throws Exception {
    StoreConfig config = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
    Path data = tmp.resolve("objection");
    String linked;
    try (StoreApp app = plain(config, data)) {
      StoreEngine store = app.engine();
      String receipt = kioskReceipt(store, config, 41);
      store.consent(receipt, true, "operator-1", "test");
      linked = shopperOf(store, enter(store, 41));
      assertThat(linked).startsWith("sh_");
      // the consent the payment path recorded is the one the privacy tables keep
      assertThat(
              count(
                  store.database(),
                  "SELECT COUNT(*) FROM privacy_consent WHERE subject = '"
                      + linked
                      + "' AND action = 'GRANT'"))
          .isEqualTo(1);

      Map<String, Object> r =
          app.dsr()
              .submit(
                  linked, "object", "operator-1", Map.of("purpose", ReturningCards.PURPOSE.name()));

      assertThat(r.get("state")).as(r.toString()).isEqualTo("COMPLETED");
      assertThat(shopperOf(store, enter(store, 41))).as("after the objection").startsWith("sv_");
      // an access request shows the shopper the same records: the grant and the objection
      Map<String, Object> access = app.dsr().submit(linked, "access", "operator-1", Map.of());
      assertThat(String.valueOf(((Map<?, ?>) access.get("result")).get("consents")))
          .contains(
              "action=grant",
              "notice=returning-card v1",
              "action=object",
              "channel=dsr:" + r.get("dsr"));
    }
    try (StoreApp app = plain(config, data)) {
      StoreEngine store = app.engine();
      assertThat(shopperOf(store, enter(store, 41)))
          .as("the objection survives a restart")
          .startsWith("sv_");
      assertThat(app.dsr().list().get(0).get("state")).isEqualTo("COMPLETED");
    }
  }

  @Test
  void rectify_isRejected_withWhatTheStoreHoldsAndWhy_andTheValueIsNotKept() throws Exception {
    StoreConfig config = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
    try (StoreApp app = plain(config, tmp.resolve("rectify"))) {
      StoreEngine store = app.engine();
      kioskReceipt(store, config, 51);
      String session = enter(store, 51);
      String shopper = shopperOf(store, session);

      Map<String, Object> r =
          app.dsr()
              .submit(
                  shopper,
                  "rectify",
                  "operator-1",
                  Map.of(
                      "store",
                      "card-data",
                      "record",
                      "card@" + session,
                      "field",
                      "card",
                      "value",
                      "Jane Example"));

      assertThat(r.get("state")).isEqualTo("REJECTED");
      assertThat((String) r.get("refusal"))
          .contains("no name, e-mail", "derived from the card you tapped", "ask for deletion");
      Map<String, Object> listed = app.dsr().get((String) r.get("dsr"));
      assertThat(listed.get("refusal")).isEqualTo(r.get("refusal"));
      Database db = store.database();
      for (String table : List.of("dsr_requests", "privacy_dsr_request", "audit_log")) {
        assertThat(
                count(
                    db,
                    "SELECT COUNT(*) FROM "
                        + table
                        + " WHERE "
                        + (table.equals("audit_log")
                            ? "detail"
                            : table.equals("dsr_requests") ? "result" : "new_value")
                        + " LIKE '%Jane Example%'"))
            .as(table)
            .isZero();
      }
      assertThat(count(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'dsr.refused'"))
          .isEqualTo(1);
    }
  }

  private static StoreApp plain(StoreConfig config, Path data) {
    return StoreApp.start(
        new StoreApp.Options(
            config, data, null, 0, false, false, ShopperSimulation.Pace.FAST, 1, 1));
  }

  /** Each step's audit entry of a request after {@code afterSeq}, oldest first: "store OUTCOME". */
  private static List<String> stepAudits(Database db, String dsr, long afterSeq) {
    return db.read(
        c ->
            all(
                c,
                "SELECT origin || ' ' || outcome FROM audit_log WHERE resource = '"
                    + "dsr/"
                    + dsr
                    + "' AND action = 'dsr.delete' AND seq > "
                    + afterSeq
                    + " ORDER BY seq"));
  }

  private static String kioskReceipt(StoreEngine store, StoreConfig config, long card) {
    String ks = store.kioskStart();
    store.scan(ks, config.lanes().get(0).gtin().digits14(), null);
    var r = store.kioskPay(ks, TestCards.next(new Random(card))::process);
    assertThat(r.receipt()).as(r.outcome()).isPresent();
    return r.receipt().get().receiptId();
  }

  private static String enter(StoreEngine store, long card) {
    StoreEngine.EntryResult e = store.enter(TestCards.next(new Random(card))::process);
    assertThat(e.admitted()).as(e.declineReason()).isTrue();
    store.exit(e.sessionId());
    return e.sessionId();
  }

  private static String shopperOf(StoreEngine store, String session) {
    return store.database().read(c -> store.sessions().get(c, session)).orElseThrow().shopperRef();
  }

  private static long count(Database db, String sql) {
    return db.read(
        c -> {
          try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  private static List<String> all(Connection c, String sql) throws java.sql.SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet r = c.createStatement().executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
