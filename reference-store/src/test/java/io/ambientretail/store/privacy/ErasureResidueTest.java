package io.ambientretail.store.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.StoreApp;
import io.ambientretail.store.TestDatabases;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A delete request through the store's DSR desk leaves nothing that identifies the shopper in any
 * column of any table, on both real databases, while the books (receipts, captured amounts) and the
 * audit log's chain stay intact.
 */
class ErasureResidueTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void delete_leavesNoIdentifierInAnyTable_booksAndAuditIntact(String kind) throws Exception {
    String url = TestDatabases.fresh(kind, tmp);
    StoreApp.Options o =
        StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT),
                tmp.resolve("data"),
                0,
                21)
            .withServe(false)
            .withDb(url);
    try (StoreApp app = StoreApp.start(o)) {
      app.simulation().run(6);
      assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
      // receipts held for review are decided by the demo's staff: the books are final after that
      assertThat(app.awaitReviewsDecided(java.time.Duration.ofSeconds(60))).isTrue();
      Database db = app.engine().database();
      String shopper =
          db.read(
              c ->
                  one(
                      c,
                      "SELECT r.shopper_ref FROM receipts r JOIN sessions s"
                          + " ON s.session_id = r.session_id WHERE s.card_fingerprint IS NOT NULL"));
      Set<String> ids = new LinkedHashSet<>();
      ids.add(shopper);
      ids.add(shopper.substring(3)); // the fingerprint's core: also in fp_... and sh_...
      ids.addAll(
          db.read(
              c ->
                  all(
                      c,
                      "SELECT card_token FROM sessions WHERE shopper_ref = '"
                          + shopper
                          + "' AND card_token IS NOT NULL")));
      List<String> fingerprints =
          db.read(
              c ->
                  all(
                      c,
                      "SELECT card_fingerprint FROM sessions"
                          + " WHERE shopper_ref = '"
                          + shopper
                          + "' AND card_fingerprint IS NOT NULL"));
      assertThat(fingerprints).isNotEmpty();
      ids.addAll(fingerprints);
      fingerprints.forEach(f -> ids.add(f.substring(3)));
      long now = System.currentTimeMillis();
      // what other parts of the store write about a card: a returning-card consent (kept in the
      // store's one consent registry, privacy_consent), an alert, audit entries
      String receipt =
          db.read(
              c -> one(c, "SELECT receipt_id FROM receipts WHERE shopper_ref = '" + shopper + "'"));
      app.engine().consent(receipt, true, "operator-1", "test");
      long kept =
          db.read(
              c ->
                  count(
                      c,
                      "SELECT COUNT(*) FROM privacy_consent WHERE subject = 'sh_"
                          + fingerprints.get(0).substring(3)
                          + "'"));
      assertThat(kept).as("the consent is kept").isEqualTo(1);
      db.tx(
          c -> {
            app.engine()
                .alerts()
                .raise(c, "card_velocity", fingerprints.get(0), "many entries on one card", now);
            app.engine()
                .audit()
                .append(
                    c, "operator-1", "receipt.read", shopper, "card " + fingerprints.get(0), now);
            return null;
          });
      String booksBefore = db.read(c -> books(c));
      long receiptsBefore = db.read(c -> count(c, "SELECT COUNT(*) FROM receipts"));

      Map<String, Object> result = app.dsr().submit(shopper, "delete", "operator-1", Map.of());

      assertThat(result.get("state")).as(result.toString()).isEqualTo("COMPLETED");
      List<String> residue = db.read(c -> residue(c, ids));
      assertThat(residue).as("columns still holding the shopper's identifiers").isEmpty();
      String booksAfter = db.read(c -> books(c));
      assertThat(booksAfter).isEqualTo(booksBefore);
      long receiptsAfter = db.read(c -> count(c, "SELECT COUNT(*) FROM receipts"));
      assertThat(receiptsAfter).isEqualTo(receiptsBefore);
      long broken = db.read(c -> app.engine().audit().firstBroken(c));
      assertThat(broken).isEqualTo(-1);
      // the audit log still has its entries about the shopper, under a pseudonym that now
      // leads nowhere
      String pseudonym = (String) result.get("subject");
      assertThat(pseudonym).startsWith("ps_");
      long mentions =
          db.read(
              c ->
                  count(
                      c,
                      "SELECT COUNT(*) FROM audit_log WHERE actor LIKE"
                          + " '%"
                          + pseudonym
                          + "%' OR resource LIKE '%"
                          + pseudonym
                          + "%' OR detail LIKE '%"
                          + pseudonym
                          + "%'"));
      assertThat(mentions).isPositive();
      long links =
          db.read(
              c ->
                  count(
                      c,
                      "SELECT COUNT(*) FROM audit_pseudonyms WHERE pseudonym"
                          + " = '"
                          + pseudonym
                          + "'"));
      assertThat(links).isZero();
    }
  }

  /** Every table and text-readable column whose value contains one of {@code ids}. */
  private static List<String> residue(Connection c, Set<String> ids) throws java.sql.SQLException {
    List<String> found = new ArrayList<>();
    DatabaseMetaData md = c.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet t = md.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (t.next()) {
        tables.add(t.getString("TABLE_NAME"));
      }
    }
    assertThat(tables)
        .contains(
            "receipts",
            "sessions",
            "payment_journal",
            "audit_log",
            "audit_pseudonyms",
            "privacy_consent",
            "privacy_dsr_request",
            "privacy_dsr_step",
            "audit_checkpoint",
            "alerts",
            "dsr_requests",
            "api_tokens");
    for (String table : tables) {
      try (ResultSet r = c.createStatement().executeQuery("SELECT * FROM " + table)) {
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
          for (int i = 1; i <= n; i++) {
            String v = r.getString(i);
            for (String id : ids) {
              if (v != null && v.contains(id)) {
                found.add(table + "." + r.getMetaData().getColumnName(i));
              }
            }
          }
        }
      }
    }
    return found;
  }

  private static String books(Connection c) throws java.sql.SQLException {
    return one(
        c,
        "SELECT COUNT(*) || '/' || COALESCE(SUM(amount_minor), 0) FROM payment_journal"
            + " WHERE state = 'APPROVED'");
  }

  private static long count(Connection c, String sql) throws java.sql.SQLException {
    try (ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String one(Connection c, String sql) throws java.sql.SQLException {
    try (ResultSet r = c.createStatement().executeQuery(sql)) {
      assertThat(r.next()).as(sql).isTrue();
      return r.getString(1);
    }
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
