package io.ambientretail.inventory.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryKpisTest {
  @Test
  void of_fourDays_computesEveryIndicator() {
    LocalDate d = LocalDate.of(2026, 11, 1);
    InventoryKpis k =
        InventoryKpis.of(
            List.of(
                new DailyStock(d, 10, 10, 20, 1, 0),
                new DailyStock(d.plusDays(1), 10, 10, 10, 0, 2),
                new DailyStock(d.plusDays(2), 12, 10, 0, 0, 0),
                new DailyStock(d.plusDays(3), 8, 0, 0, 1, 0)));
    assertThat(k.stockOutRate()).isEqualTo(0.5);
    assertThat(k.fillRate()).isEqualTo(30 / 40.0);
    assertThat(k.daysOfStock()).isCloseTo(7.5 / 7.5, within(1e-12));
    assertThat(k.annualTurns()).isCloseTo(30 / 7.5 * 365 / 4, within(1e-9));
    assertThat(k.shrinkRate()).isCloseTo(2 / 30.0, within(1e-12));
    assertThat(k.wasteRate()).isCloseTo(2 / 30.0, within(1e-12));
  }

  @Test
  void of_noSales_hasNoShrinkRateAndInfiniteCover() {
    InventoryKpis k =
        InventoryKpis.of(List.of(new DailyStock(LocalDate.of(2026, 11, 1), 0, 0, 5, 0, 0)));
    assertThat(k.fillRate()).isEqualTo(1);
    assertThat(k.daysOfStock()).isInfinite();
    assertThat(k.shrinkRate()).isNaN();
  }

  @Test
  void ledgerDays_fromEntries_giveSalesShrinkWasteAndClosingStock() {
    io.ambientretail.inventory.ledger.InventoryLedger l =
        io.ambientretail.inventory.ledger.InventoryLedger.open(
            new io.ambientretail.inventory.ledger.InMemoryLedgerStore());
    var lane =
        io.ambientretail.inventory.ledger.StockLocation.backroom(
            io.ambientretail.core.StoreId.of("S1"));
    var sku = io.ambientretail.core.SkuId.of("A");
    java.time.ZoneId zone = java.time.ZoneId.of("Europe/Berlin");
    java.time.Instant day1 = java.time.Instant.parse("2026-11-01T09:00:00Z");
    java.time.Instant day2 = java.time.Instant.parse("2026-11-02T22:30:00Z"); // Nov 2 23:30 local
    java.time.Instant day3 = java.time.Instant.parse("2026-11-02T23:30:00Z"); // Nov 3 00:30 local
    l.post(
        io.ambientretail.inventory.ledger.StockMovement.receipt(
            "r", lane, sku, 10, null, "dn", day1));
    l.post(io.ambientretail.inventory.ledger.StockMovement.sale("s1", lane, sku, 4, "sale", day2));
    l.post(
        io.ambientretail.inventory.ledger.StockMovement.waste(
            "w1", lane, sku, 1, null, "expired", day3));
    l.post(
        io.ambientretail.inventory.ledger.StockMovement.shrink("k1", lane, sku, 5, "count", day3));
    List<DailyStock> days =
        LedgerDays.of(l, lane, sku, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3), zone);
    assertThat(days).extracting(DailyStock::sold).containsExactly(0L, 4L, 0L);
    assertThat(days).extracting(DailyStock::closingOnHand).containsExactly(10L, 6L, 0L);
    assertThat(days.get(2).waste()).isEqualTo(1);
    assertThat(days.get(2).shrink()).isEqualTo(5);
    InventoryKpis k = InventoryKpis.of(days);
    assertThat(k.stockOutRate()).isEqualTo(1 / 3.0);
    assertThat(k.shrinkRate()).isEqualTo(5 / 4.0);
  }
}
