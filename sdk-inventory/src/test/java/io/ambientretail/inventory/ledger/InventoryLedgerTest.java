package io.ambientretail.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.LaneId;
import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.core.Weight;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InventoryLedgerTest {
  static final StoreId S = StoreId.of("S001");
  static final StockLocation LANE = StockLocation.lane(S, LaneId.of("L-03"));
  static final StockLocation BACK = StockLocation.backroom(S);
  static final SkuId SKU = SkuId.of("05012345678900");
  static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
  static final Lot EARLY = new Lot("A1", LocalDate.of(2026, 11, 29));
  static final Lot LATE = new Lot("B2", LocalDate.of(2026, 12, 5));

  @Test
  void post_receiptsAndSale_onHandIsSumOfEntries() {
    InventoryLedger l = InventoryLedger.open(new InMemoryLedgerStore());
    l.post(StockMovement.receipt("dn-1", LANE, SKU, 12, null, "delivery note 1", T));
    l.post(StockMovement.sale("r-1", LANE, SKU, 5, "receipt 1", T));
    l.post(StockMovement.returned("r-2", LANE, SKU, 1, null, "return on receipt 2", T));
    l.post(StockMovement.adjustment("c-1", LANE, SKU, -2, null, "count 2026-11-27", T));
    assertThat(l.onHand(LANE, SKU)).isEqualTo(6);
    assertThat(l.entries()).extracting(LedgerEntry::quantity).containsExactly(12L, -5L, 1L, -2L);
    assertThat(l.entries())
        .extracting(LedgerEntry::reason)
        .containsExactly("delivery note 1", "receipt 1", "return on receipt 2", "count 2026-11-27");
  }

  @Test
  void post_sameSourceTwice_recordsOnceAndReportsDuplicate() {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    InventoryLedger l = InventoryLedger.open(store);
    StockMovement sale = StockMovement.sale("r-9", LANE, SKU, 2, "receipt 9", T);
    l.post(StockMovement.receipt("dn-1", LANE, SKU, 10, null, "dn", T));
    PostResult first = l.post(sale);
    PostResult again = l.post(sale);
    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.entries()).isEqualTo(first.entries());
    assertThat(l.onHand(LANE, SKU)).isEqualTo(8);
    assertThat(store.lastSequence()).isEqualTo(2);
  }

  @Test
  void post_sameSourceDifferentMovement_throwsConflict() {
    InventoryLedger l = InventoryLedger.open(new InMemoryLedgerStore());
    l.post(StockMovement.sale("r-9", LANE, SKU, 2, "receipt 9", T));
    assertThatThrownBy(() -> l.post(StockMovement.sale("r-9", LANE, SKU, 3, "receipt 9", T)))
        .isInstanceOf(LedgerConflictException.class)
        .hasMessageContaining("source event r-9 was recorded as SALE -2");
    assertThat(l.onHand(LANE, SKU)).isEqualTo(-2);
  }

  @Test
  void sale_withoutLot_takesFirstExpiryFirst() {
    InventoryLedger l = InventoryLedger.open(new InMemoryLedgerStore());
    l.post(StockMovement.receipt("dn-2", LANE, SKU, 4, LATE, "dn 2", T));
    l.post(StockMovement.receipt("dn-1", LANE, SKU, 3, EARLY, "dn 1", T));
    PostResult r = l.post(StockMovement.sale("r-1", LANE, SKU, 5, "receipt 1", T));
    assertThat(r.entries())
        .extracting(LedgerEntry::lot, LedgerEntry::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EARLY, -3L),
            org.assertj.core.groups.Tuple.tuple(LATE, -2L));
    assertThat(l.lots(LANE, SKU)).containsExactly(new LotBalance(LATE, 2));
  }

  @Test
  void transfer_movesLotsFefoAndKeepsTotal() {
    InventoryLedger l = InventoryLedger.open(new InMemoryLedgerStore());
    l.post(StockMovement.receipt("dn-1", BACK, SKU, 3, EARLY, "dn 1", T));
    l.post(StockMovement.receipt("dn-2", BACK, SKU, 5, LATE, "dn 2", T));
    l.post(StockMovement.transfer("mv-1", BACK, LANE, SKU, 4, "refill lane", T));
    assertThat(l.lots(LANE, SKU))
        .containsExactly(new LotBalance(EARLY, 3), new LotBalance(LATE, 1));
    assertThat(l.onHand(BACK, SKU)).isEqualTo(4);
    assertThat(l.onHand(BACK, SKU) + l.onHand(LANE, SKU)).isEqualTo(8);
  }

  @Test
  void expiredUnits_countsLotsPastTheirDate() {
    InventoryLedger l = InventoryLedger.open(new InMemoryLedgerStore());
    l.post(StockMovement.receipt("dn-1", LANE, SKU, 3, EARLY, "dn 1", T));
    l.post(StockMovement.receipt("dn-2", LANE, SKU, 5, LATE, "dn 2", T));
    assertThat(l.expiredUnits(LANE, SKU, LocalDate.of(2026, 11, 30))).isEqualTo(3);
    l.post(StockMovement.waste("w-1", LANE, SKU, 3, EARLY, "expired 2026-11-29", T));
    assertThat(l.expiredUnits(LANE, SKU, LocalDate.of(2026, 11, 30))).isZero();
    assertThat(l.onHand(LANE, SKU)).isEqualTo(5);
  }

  @Test
  void open_replaysStore_rebuildsSameBalances() {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    InventoryLedger l = InventoryLedger.open(store);
    l.post(StockMovement.receipt("dn-1", LANE, SKU, 7, EARLY, "dn 1", T));
    l.post(StockMovement.shrink("c-1", LANE, SKU, 2, "count found 2 missing", T));
    InventoryLedger reopened = InventoryLedger.open(store);
    assertThat(reopened.lots(LANE, SKU)).isEqualTo(l.lots(LANE, SKU));
    assertThat(reopened.post(StockMovement.shrink("c-1", LANE, SKU, 2, "again", T)).duplicate())
        .isTrue();
    reopened.post(StockMovement.sale("r-1", LANE, SKU, 1, "receipt 1", T));
    assertThat(reopened.onHand(LANE, SKU)).isEqualTo(4);
  }

  @Test
  void post_storeFailsToAppend_balanceUnchanged() {
    InMemoryLedgerStore inner = new InMemoryLedgerStore();
    LedgerStore failing =
        new LedgerStore() {
          @Override
          public void append(List<LedgerEntry> entries) {
            throw new IllegalStateException("disk full");
          }

          @Override
          public List<LedgerEntry> findBySource(String id) {
            return inner.findBySource(id);
          }

          @Override
          public void replay(java.util.function.Consumer<LedgerEntry> sink) {
            inner.replay(sink);
          }

          @Override
          public long lastSequence() {
            return inner.lastSequence();
          }
        };
    InventoryLedger l = InventoryLedger.open(failing);
    assertThatThrownBy(() -> l.post(StockMovement.receipt("dn-1", LANE, SKU, 7, null, "dn", T)))
        .hasMessage("disk full");
    assertThat(l.onHand(LANE, SKU)).isZero();
  }

  @Test
  void anyOrderOfMovements_onHandEqualsSumOfEntries_andRetriesChangeNothing() {
    SplittableRandom r = new SplittableRandom(5);
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    InventoryLedger l = InventoryLedger.open(store);
    List<StockMovement> posted = new ArrayList<>();
    Lot[] lots = {EARLY, LATE, null};
    for (int i = 0; i < 500; i++) {
      StockLocation at = r.nextBoolean() ? LANE : BACK;
      long q = 1 + r.nextInt(9);
      StockMovement m =
          switch (r.nextInt(6)) {
            case 0 -> StockMovement.receipt("e" + i, at, SKU, q, lots[r.nextInt(3)], "dn", T);
            case 1 -> StockMovement.sale("e" + i, at, SKU, q, "sale", T);
            case 2 ->
                StockMovement.transfer("e" + i, at, at == LANE ? BACK : LANE, SKU, q, "mv", T);
            case 3 -> StockMovement.shrink("e" + i, at, SKU, q, "lost", T);
            case 4 -> StockMovement.returned("e" + i, at, SKU, q, null, "ret", T);
            default ->
                StockMovement.adjustment("e" + i, at, SKU, q - 5 == 0 ? 1 : q - 5, null, "c", T);
          };
      l.post(m);
      posted.add(m);
      if (r.nextInt(4) == 0) {
        assertThat(l.post(posted.get(r.nextInt(posted.size()))).duplicate()).isTrue();
      }
    }
    long lane = 0;
    long back = 0;
    for (LedgerEntry e : l.entries()) {
      if (e.location().equals(LANE)) {
        lane += e.quantity();
      } else {
        back += e.quantity();
      }
    }
    assertThat(l.onHand(LANE, SKU)).isEqualTo(lane);
    assertThat(l.onHand(BACK, SKU)).isEqualTo(back);
    assertThat(l.lots(LANE, SKU).stream().mapToLong(LotBalance::units).sum()).isEqualTo(lane);
    assertThat(store.lastSequence()).isEqualTo(l.entries().size());
  }

  @Test
  void lotFromGs1_dayZeroMeansEndOfMonth_andCenturyWindow() {
    LocalDate today = LocalDate.of(2026, 11, 27);
    assertThat(Lot.fromGs1("A1", "270200", today).expiry()).isEqualTo(LocalDate.of(2027, 2, 28));
    assertThat(Lot.fromGs1("A1", "261130", today).expiry()).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(Lot.fromGs1("A1", "760101", today).expiry().getYear()).isEqualTo(2076);
    assertThat(Lot.fromGs1("A1", "770101", today).expiry().getYear()).isEqualTo(1977);
    assertThatThrownBy(() -> Lot.fromGs1("A1", "261332", today)).hasMessageContaining("not a date");
    assertThatThrownBy(() -> Lot.fromGs1("A1", "26113", today)).hasMessageContaining("six digits");
  }

  @Test
  void reconcile_fewerUnitsOnShelf_raisesShortageWithEvidence() {
    InventoryLedger l = InventoryLedger.open(new InMemoryLedgerStore());
    l.post(StockMovement.receipt("dn-1", LANE, SKU, 10, null, "dn", T));
    ShelfReconciler rec = new ShelfReconciler(l);
    Discrepancy d =
        rec.reconcile(LANE, SKU, Weight.ofGrams(2_403), Weight.ofGrams(300), Weight.ofGrams(2))
            .orElseThrow();
    assertThat(d.kind()).isEqualTo(Discrepancy.Kind.SHORTAGE);
    assertThat(d.ledgerUnits()).isEqualTo(10);
    assertThat(d.shelfUnits()).isEqualTo(8);
    assertThat(d.evidence())
        .isEqualTo(
            "lane S001/L-03: measured 2403.0 g, ledger 10 units = "
                + "3000.0 g, unit 300.0 g; reads as 8 units plus 3.0 g");
  }

  @Test
  void reconcile_foreignWeight_raisesMisplacedItem_andAgreeingShelfRaisesNothing() {
    InventoryLedger l = InventoryLedger.open(new InMemoryLedgerStore());
    l.post(StockMovement.receipt("dn-1", LANE, SKU, 4, null, "dn", T));
    ShelfReconciler rec = new ShelfReconciler(l);
    assertThat(
            rec.reconcile(LANE, SKU, Weight.ofGrams(1_204), Weight.ofGrams(300), Weight.ofGrams(2)))
        .isEmpty();
    Discrepancy d =
        rec.reconcile(LANE, SKU, Weight.ofGrams(1_320), Weight.ofGrams(300), Weight.ofGrams(2))
            .orElseThrow();
    assertThat(d.kind()).isEqualTo(Discrepancy.Kind.MISPLACED_ITEM);
    assertThat(d.residual()).isEqualTo(Weight.ofGrams(120));
    assertThat(
            rec.reconcile(LANE, SKU, Weight.ofGrams(1_500), Weight.ofGrams(300), Weight.ofGrams(2))
                .orElseThrow()
                .kind())
        .isEqualTo(Discrepancy.Kind.SURPLUS);
  }
}
