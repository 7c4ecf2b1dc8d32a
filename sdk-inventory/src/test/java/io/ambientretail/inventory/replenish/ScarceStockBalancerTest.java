package io.ambientretail.inventory.replenish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.InventoryInputException;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScarceStockBalancerTest {
  static final StoreId S1 = StoreId.of("S001");
  static final StoreId S2 = StoreId.of("S002");
  static final StoreId S3 = StoreId.of("S003");
  static final SkuId A = SkuId.of("A");
  static final SkuId B = SkuId.of("B");
  static final LocalDate DAY = LocalDate.of(2026, 12, 1);
  static final PolicyTable PACKS_OF_2 =
      PolicyTable.builder()
          .defaults(
              PolicySettings.builder()
                  .method(ReplenishMethod.ROP)
                  .leadTimeDays(2)
                  .reviewDays(1)
                  .packSize(2)
                  .build())
          .build();

  static PlannedOrder order(StoreId store, SkuId sku, int qty, int position) {
    return new PlannedOrder(store, sku, qty, null, DAY, DAY.plusDays(2), position, "why");
  }

  static StockPositions stock() {
    return StockPositions.builder()
        .add(S1, A, 2, 0)
        .add(S2, A, 10, 0)
        .add(S3, A, 40, 0)
        .add(S1, B, 0, 0)
        .build();
  }

  @Test
  void balance_dcShort_fillsTowardsEqualCoverInWholePacks_andKeepsUnlistedSkus() {
    List<PlannedOrder> orders =
        List.of(order(S1, A, 20, 2), order(S2, A, 10, 10), order(S1, B, 6, 0));
    DcStock dc = DcStock.builder().add(A, 12).build();
    // Both sell 2 a day: S001 (cover 1 day) gets the first 8 units, then both rise together.
    ScarceStockBalancer.Result r =
        ScarceStockBalancer.balance(orders, stock(), dc, PACKS_OF_2, (store, sku) -> 2.0, false);
    assertThat(r.orders())
        .extracting(PlannedOrder::store, PlannedOrder::sku, PlannedOrder::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(S1, A, 10),
            org.assertj.core.groups.Tuple.tuple(S2, A, 2),
            org.assertj.core.groups.Tuple.tuple(S1, B, 6));
    assertThat(r.orders().get(0).reason())
        .isEqualTo("why; DC has 12 of the 30 units ordered, fair share 10");
    assertThat(r.orders().get(2).reason()).isEqualTo("why");
    assertThat(r.cut()).isEqualTo(2);
    assertThat(r.dropped()).isZero();
    assertThat(r.transfers()).isEmpty();
    long shipped =
        r.orders().stream().filter(o -> o.sku().equals(A)).mapToLong(PlannedOrder::quantity).sum();
    assertThat(shipped).isLessThanOrEqualTo(12);
  }

  @Test
  void balance_dcEmpty_dropsOrders_andTransfersFromTheStoreWithSurplus() {
    List<PlannedOrder> orders = List.of(order(S1, A, 20, 2), order(S2, A, 10, 10));
    DcStock dc = DcStock.builder().add(A, 0).build();
    // S003 holds 40 and keeps 2 a day x (2 + 2 x 1) days = 8: 32 to give, in packs of 2.
    ScarceStockBalancer.Result r =
        ScarceStockBalancer.balance(orders, stock(), dc, PACKS_OF_2, (store, sku) -> 2.0, true);
    assertThat(r.orders()).isEmpty();
    assertThat(r.dropped()).isEqualTo(2);
    assertThat(r.transfers())
        .extracting(PlannedTransfer::from, PlannedTransfer::to, PlannedTransfer::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(S3, S1, 20),
            org.assertj.core.groups.Tuple.tuple(S3, S2, 10));
  }

  @Test
  void balance_dcEnough_changesNothing() {
    List<PlannedOrder> orders = List.of(order(S1, A, 20, 2), order(S2, A, 10, 10));
    ScarceStockBalancer.Result r =
        ScarceStockBalancer.balance(
            orders,
            stock(),
            DcStock.builder().add(A, 30).build(),
            PACKS_OF_2,
            (store, sku) -> 2.0,
            true);
    assertThat(r.orders()).isEqualTo(orders);
    assertThat(r.transfers()).isEmpty();
    assertThat(r.cut()).isZero();
  }

  @Test
  void dcStockCsv_readsSkusAndUnits() throws IOException {
    DcStock dc =
        DcStockCsv.read(
            new StringReader("sku,available\nA,12\nB,0\n"), "dc.csv", InputLimits.defaults());
    assertThat(dc.all()).isEqualTo(Map.of(A, 12L, B, 0L));
    assertThat(dc.available(SkuId.of("C"))).isEmpty();
  }

  @Test
  void dcStockCsv_negativeUnits_failsNamingLineAndField() {
    assertThatThrownBy(
            () ->
                DcStockCsv.read(
                    new StringReader("sku,available\nA,12\nB,-1\n"),
                    "dc.csv",
                    InputLimits.defaults()))
        .isInstanceOf(InventoryInputException.class)
        .hasMessageContaining("dc.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("available");
  }

  @Test
  void dcStockCsv_skuTwice_failsNamingLine() {
    assertThatThrownBy(
            () ->
                DcStockCsv.read(
                    new StringReader("sku,available\nA,1\nA,2\n"),
                    "dc.csv",
                    InputLimits.defaults()))
        .isInstanceOf(InventoryInputException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("twice");
  }
}
