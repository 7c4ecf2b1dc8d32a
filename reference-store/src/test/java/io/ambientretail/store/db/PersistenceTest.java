package io.ambientretail.store.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.store.TestDatabases;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store's records on both real databases: SQLite (embedded) and PostgreSQL. */
class PersistenceTest {
  @TempDir Path tmp;

  private final StoreConfig config = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
  private final RecordIds ids = new RecordIds();

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void migrate_thenReopen_keepsPlanogramAndLedgerOnce(String kind) {
    String url = TestDatabases.fresh(kind, tmp);
    StockBook stock = new StockBook(ids);
    try (Database db = Database.open(url)) {
      db.tx(
          c -> {
            stock.loadPlanogram(c, config, 1000);
            return null;
          });
    }
    try (Database db = Database.open(url)) {
      db.tx(
          c -> {
            stock.loadPlanogram(c, config, 2000);
            return null;
          });
      var lanes = db.read(stock::lanes);
      assertThat(lanes).hasSize(config.lanes().size());
      assertThat(lanes)
          .allSatisfy(
              l -> {
                assertThat(l.onHand()).isEqualTo(10);
                assertThat(l.ledgerSum()).isEqualTo(l.onHand());
              });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void stockPost_retriedWithSameRef_postsOnce(String kind) {
    StockBook stock = new StockBook(ids);
    try (Database db = Database.open(TestDatabases.fresh(kind, tmp))) {
      db.tx(
          c -> {
            stock.loadPlanogram(c, config, 1000);
            return null;
          });
      boolean first =
          db.tx(c -> stock.post(c, "A1", -2, StockBook.Reason.SALE, "sale:se_x", "store", 2000));
      boolean again =
          db.tx(c -> stock.post(c, "A1", -2, StockBook.Reason.SALE, "sale:se_x", "store", 3000));
      assertThat(first).isTrue();
      assertThat(again).isFalse();
      var a1 =
          db.read(stock::lanes).stream()
              .filter(l -> l.laneId().equals("A1"))
              .findFirst()
              .orElseThrow();
      assertThat(a1.onHand()).isEqualTo(8);
      assertThat(a1.ledgerSum()).isEqualTo(8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void journalBegin_sameKeyTwice_keepsOneEntryAndFirstSettlement(String kind) {
    PaymentJournal journal = new PaymentJournal(ids);
    try (Database db = Database.open(TestDatabases.fresh(kind, tmp))) {
      var e1 =
          db.tx(
              c ->
                  journal.begin(
                      c,
                      "se_a",
                      PaymentJournal.Op.CAPTURE,
                      "capture:se_a",
                      450,
                      "EUR",
                      "fp_x",
                      1000));
      db.tx(
          c -> {
            journal.settle(c, "capture:se_a", PaymentJournal.State.APPROVED, "ca_ref", 1100);
            return null;
          });
      var e2 =
          db.tx(
              c ->
                  journal.begin(
                      c,
                      "se_a",
                      PaymentJournal.Op.CAPTURE,
                      "capture:se_a",
                      450,
                      "EUR",
                      "fp_x",
                      1200));
      db.tx(
          c -> {
            journal.settle(c, "capture:se_a", PaymentJournal.State.DECLINED, null, 1300);
            return null;
          });
      assertThat(e2.entryId()).isEqualTo(e1.entryId());
      var stored = db.read(c -> journal.ofSession(c, "se_a"));
      assertThat(stored)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.state()).isEqualTo(PaymentJournal.State.APPROVED);
                assertThat(e.acquirerRef()).isEqualTo("ca_ref");
              });
      assertThat(db.read(journal::capturedNetMinor)).isEqualTo(450);
      assertThat(db.read(journal::sessionsCapturedTwice)).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void failedTransaction_rollsBackEverything(String kind) {
    StockBook stock = new StockBook(ids);
    try (Database db = Database.open(TestDatabases.fresh(kind, tmp))) {
      db.tx(
          c -> {
            stock.loadPlanogram(c, config, 1000);
            return null;
          });
      assertThatThrownBy(
              () ->
                  db.tx(
                      c -> {
                        stock.post(c, "A1", -1, StockBook.Reason.SALE, "sale:se_y", "store", 2000);
                        return stock.post(
                            c, "NOPE", -1, StockBook.Reason.SALE, "sale:se_y", "store", 2000);
                      }))
          .isInstanceOf(StoreDataException.class)
          .hasMessageContaining("NOPE");
      var a1 =
          db.read(stock::lanes).stream()
              .filter(l -> l.laneId().equals("A1"))
              .findFirst()
              .orElseThrow();
      assertThat(a1.onHand()).isEqualTo(10);
      assertThat(a1.ledgerSum()).isEqualTo(10);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void auditTrail_chainsAndDetectsTampering(String kind) {
    AuditTrail audit = new AuditTrail();
    try (Database db = Database.open(TestDatabases.fresh(kind, tmp))) {
      db.tx(
          c -> {
            audit.append(c, "op", "refund.requested", "rc_a", "amount=1.00 EUR", 1000);
            audit.append(c, "op", "refund.approved", "rc_a", "", 1001);
            audit.append(c, "op", "dsr.access", "ps_a", "", 1002);
            return null;
          });
      assertThat(db.read(audit::firstBroken)).isEqualTo(-1);
      // the PCI DSS 10.2.2 fields are in sdk-privacy's audit_log table
      var newest = db.read(c -> audit.recent(c, 1)).get(0);
      assertThat(newest.seq()).isEqualTo(2);
      assertThat(newest.outcome()).isEqualTo("SUCCESS");
      assertThat(newest.origin()).isEqualTo(AuditTrail.DEFAULT_ORIGIN);
      assertThat(newest.atMs()).isEqualTo(1002);
      db.tx(
          c -> {
            try (var p =
                c.prepareStatement(
                    "UPDATE audit_log SET detail = 'amount=0.01 EUR'" + " WHERE seq = 0")) {
              p.executeUpdate();
            }
            return null;
          });
      assertThat(db.read(audit::firstBroken)).isEqualTo(0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void auditTrail_entryOfARolledBackChange_isGone_andTheChainGoesOn(String kind) {
    AuditTrail audit = new AuditTrail();
    try (Database db = Database.open(TestDatabases.fresh(kind, tmp))) {
      db.tx(c -> audit.append(c, "op", "stock.restock", "A1", "qty=1", 1000));
      assertThatThrownBy(
              () ->
                  db.tx(
                      c -> {
                        audit.append(c, "op", "refund.requested", "rc_b", "", 1001);
                        throw new IllegalStateException("the refund failed after it was audited");
                      }))
          .isInstanceOf(IllegalStateException.class);
      db.tx(c -> audit.append(c, "op", "refund.requested", "rc_c", "", 1002));
      var all = db.read(c -> audit.list(c, -1, 10));
      assertThat(all).extracting(AuditTrail.Entry::target).containsExactly("A1", "rc_c");
      assertThat(db.read(audit::firstBroken)).isEqualTo(-1);
      // hashes are stored as base64url: no 64-digit hex run for a PAN scan to trip over
      String stored =
          db.read(
              c -> {
                try (var q = c.prepareStatement("SELECT entry_hash FROM audit_log WHERE seq = 1");
                    var r = q.executeQuery()) {
                  r.next();
                  return r.getString(1).strip();
                }
              });
      assertThat(stored).hasSize(43);
      assertThat(io.ambientretail.privacy.audit.Sha256Hash.parse(stored).hex())
          .isEqualTo(all.get(1).hash());
    }
  }

  @org.junit.jupiter.api.Test
  void open_unknownScheme_namesTheOption() {
    assertThatThrownBy(() -> Database.open("jdbc:mysql://x/y?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--db")
        .hasMessageNotContaining("secret");
  }
}
