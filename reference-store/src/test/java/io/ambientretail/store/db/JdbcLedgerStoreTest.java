package io.ambientretail.store.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.inventory.ledger.Discrepancy;
import io.ambientretail.inventory.ledger.EntryType;
import io.ambientretail.store.TestDatabases;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sdk-inventory's ledger on the store's databases, through StockBook and JdbcLedgerStore. */
class JdbcLedgerStoreTest {
  @TempDir Path tmp;

  private final StoreConfig config = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void post_inRolledBackTransaction_leavesNoEntryAndLedgerRecovers(String kind) throws Exception {
    StockBook stock = new StockBook(new RecordIds());
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
                        stock.post(
                            c, "A1", -3, StockBook.Reason.SALE, "sale:se_rolled", "store", 2000);
                        throw new IllegalStateException(
                            "payment failed after the stock was posted");
                      }))
          .isInstanceOf(IllegalStateException.class);
      // the ledger holds nothing of the rolled-back sale, in the database and in memory
      long afterRollback = db.read(c -> stock.ledgerOnHand(c, "A1"));
      assertThat(afterRollback).isEqualTo(10);
      boolean posted =
          db.tx(c -> stock.post(c, "A1", -2, StockBook.Reason.SALE, "sale:se_ok", "store", 3000));
      assertThat(posted).isTrue();
      var a1 =
          db.read(stock::lanes).stream()
              .filter(l -> l.laneId().equals("A1"))
              .findFirst()
              .orElseThrow();
      assertThat(a1.onHand()).isEqualTo(8);
      assertThat(a1.ledgerSum()).isEqualTo(8);
      long afterSale = db.read(c -> stock.ledgerOnHand(c, "A1"));
      assertThat(afterSale).isEqualTo(8);
      var newest = db.read(c -> stock.recent(c, 1)).get(0);
      assertThat(newest.laneId()).isEqualTo("A1");
      assertThat(newest.delta()).isEqualTo(-2);
      assertThat(newest.reason()).isEqualTo("SALE");
      assertThat(newest.ref()).isEqualTo("sale:se_ok");
      assertThat(newest.actor()).isEqualTo("store");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void reopen_replaysTheSameEntriesInSequence(String kind) {
    String url = TestDatabases.fresh(kind, tmp);
    try (Database db = Database.open(url)) {
      StockBook stock = new StockBook(new RecordIds());
      db.tx(
          c -> {
            stock.loadPlanogram(c, config, 1000);
            stock.post(c, "B1", 4, StockBook.Reason.RESTOCK, "restock:rs_1", "alice", 2000);
            stock.post(c, "B1", -1, StockBook.Reason.SHRINK, "reconcile:1", "reconciliation", 3000);
            return null;
          });
    }
    try (Database db = Database.open(url)) {
      JdbcLedgerStore store = new JdbcLedgerStore();
      var entries =
          db.read(
              c -> {
                try (JdbcLedgerStore.Binding b = store.bind(c)) {
                  return io.ambientretail.inventory.ledger.InventoryLedger.open(store).entries();
                }
              });
      assertThat(entries).hasSize(config.lanes().size() + 2);
      for (int i = 0; i < entries.size(); i++) {
        assertThat(entries.get(i).sequence()).isEqualTo(i + 1L);
      }
      assertThat(entries.get(entries.size() - 1).type()).isEqualTo(EntryType.SHRINK);
      assertThat(entries.get(entries.size() - 1).quantity()).isEqualTo(-1);
      StockBook reopened = new StockBook(new RecordIds());
      db.tx(
          c -> {
            reopened.loadPlanogram(c, config, 4000);
            return null;
          });
      long b1 = db.read(c -> reopened.ledgerOnHand(c, "B1"));
      assertThat(b1).isEqualTo(13);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void reconcile_shelfLighterThanLedger_isShortage(String kind) {
    StockBook stock = new StockBook(new RecordIds());
    try (Database db = Database.open(TestDatabases.fresh(kind, tmp))) {
      db.tx(
          c -> {
            stock.loadPlanogram(c, config, 1000);
            return null;
          });
      StoreConfig.Lane a1 = config.lanes().get(0);
      long unitMg = a1.unitGrams() * 1000L;
      Optional<Discrepancy> agree = db.read(c -> stock.reconcile(c, a1.id(), 10 * unitMg));
      assertThat(agree).isEmpty();
      Optional<Discrepancy> lighter = db.read(c -> stock.reconcile(c, a1.id(), 8 * unitMg));
      Discrepancy d = lighter.orElseThrow();
      assertThat(d.kind()).isEqualTo(Discrepancy.Kind.SHORTAGE);
      assertThat(d.ledgerUnits()).isEqualTo(10);
      assertThat(d.shelfUnits()).isEqualTo(8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite"})
  void post_saleWithPositiveDelta_isRefused(String kind) {
    StockBook stock = new StockBook(new RecordIds());
    try (Database db = Database.open(TestDatabases.fresh(kind, tmp))) {
      db.tx(
          c -> {
            stock.loadPlanogram(c, config, 1000);
            return null;
          });
      assertThatThrownBy(
              () ->
                  db.tx(
                      c -> stock.post(c, "A1", 2, StockBook.Reason.SALE, "sale:x", "store", 2000)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SALE must be negative");
    }
  }
}
