package io.ambientretail.inventory.replenish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InventoryInputException;
import io.ambientretail.inventory.forecast.SalesHistory;
import io.ambientretail.inventory.replenish.internal.OrderRules;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ReplenishmentPlannerTest {
  static final StoreId S1 = StoreId.of("S001");
  static final StoreId S2 = StoreId.of("S002");
  static final SkuId A = SkuId.of("A");
  static final SkuId B = SkuId.of("B");
  static final LocalDate START = LocalDate.of(2026, 9, 1); // 70 days: plan date 2026-11-10 (Tue)

  static SalesHistory steady(int perDay, StoreId[] stores, SkuId[] skus) {
    int[] data = new int[stores.length * 70];
    java.util.Arrays.fill(data, perDay);
    return SalesHistory.ofDense(START, 70, stores, skus, data);
  }

  static PolicyTable table(PolicySettings defaults) {
    return PolicyTable.builder().defaults(defaults).build();
  }

  @Test
  void orderRules_roundUpToPacks_raiseToMoq_cutToCapacity() {
    assertThat(OrderRules.quantity(35, 5, 12, 24, 60)).isEqualTo(36);
    assertThat(OrderRules.quantity(5, 5, 12, 24, 60)).isEqualTo(24);
    assertThat(OrderRules.quantity(35, 30, 12, 24, 60)).isEqualTo(24);
    assertThat(OrderRules.quantity(35, 40, 12, 24, 60)).isZero();
    assertThat(OrderRules.quantity(0, 5, 12, 24, 60)).isZero();
    assertThat(OrderRules.normalQuantile(0.95))
        .isCloseTo(1.6448536, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(OrderRules.normalQuantile(0.5))
        .isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void policyTable_skuBeatsStoreBeatsDefault() {
    PolicyTable t =
        PolicyTable.builder()
            .defaults(
                PolicySettings.builder()
                    .method(ReplenishMethod.ROP)
                    .leadTimeDays(2)
                    .packSize(1)
                    .build())
            .store(S2, PolicySettings.builder().leadTimeDays(3).packSize(6).build())
            .sku(B, PolicySettings.builder().packSize(12).build())
            .build();
    assertThat(t.resolve(S1, A).leadTimeDays()).isEqualTo(2);
    assertThat(t.resolve(S2, A).leadTimeDays()).isEqualTo(3);
    assertThat(t.resolve(S2, A).packSize()).isEqualTo(6);
    assertThat(t.resolve(S2, B).packSize()).isEqualTo(12);
    assertThat(t.resolve(S2, B).leadTimeDays()).isEqualTo(3);
  }

  @Test
  void rop_withNoisyDemand_addsSafetyStockForTheServiceLevel() {
    int[] data = new int[70];
    for (int i = 0; i < 70; i++) {
      data[i] = i % 2 == 0 ? 2 : 8;
    }
    SalesHistory h = SalesHistory.ofDense(START, 70, new StoreId[] {S1}, new SkuId[] {A}, data);
    StockPositions stock = StockPositions.builder().add(S1, A, 0, 0).build();
    List<PlannedOrder> low =
        ReplenishmentPlanner.builder()
            .policies(table(PolicySettings.builder().serviceLevel(0.8).leadTimeDays(2).build()))
            .build()
            .plan(h, stock, LocalDate.of(2026, 11, 10));
    List<PlannedOrder> high =
        ReplenishmentPlanner.builder()
            .policies(table(PolicySettings.builder().serviceLevel(0.99).leadTimeDays(2).build()))
            .build()
            .plan(h, stock, LocalDate.of(2026, 11, 10));
    assertThat(low).hasSize(1);
    assertThat(high).hasSize(1);
    assertThat(high.get(0).quantity()).isGreaterThan(low.get(0).quantity());
    assertThat(high.get(0).reason())
        .matches(
            "below reorder point \\d+ \\(lead-time demand 1[4-6]" + " \\+ safety [1-9]\\d*\\)");
  }

  @Test
  void shelfLife_capsOrderAtWhatSellsBeforeExpiry() {
    SalesHistory h = steady(2, new StoreId[] {S1}, new SkuId[] {A});
    StockPositions stock = StockPositions.builder().add(S1, A, 0, 0).build();
    PolicyTable t =
        table(
            PolicySettings.builder()
                .method(ReplenishMethod.MINMAX)
                .min(10)
                .max(40)
                .leadTimeDays(1)
                .shelfLifeDays(3)
                .build());
    List<PlannedOrder> orders =
        ReplenishmentPlanner.builder()
            .policies(t)
            .build()
            .plan(h, stock, LocalDate.of(2026, 11, 10));
    // 2 a day over lead time 1 + shelf life 3 = 8 units sell before a delivery spoils.
    assertThat(orders)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.quantity()).isEqualTo(8);
              assertThat(o.reason()).endsWith("; cut to 8 that sell within shelf life");
            });
  }

  @Test
  void orderDays_skipOtherDays_andStretchReviewToNextOrderDay() {
    SalesHistory h = steady(5, new StoreId[] {S1}, new SkuId[] {A});
    StockPositions stock = StockPositions.builder().add(S1, A, 0, 0).build();
    PolicyTable t =
        table(
            PolicySettings.builder()
                .leadTimeDays(1)
                .reviewDays(1)
                .orderDays(EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY))
                .build());
    ReplenishmentPlanner p = ReplenishmentPlanner.builder().policies(t).build();
    assertThat(p.plan(h, stock, LocalDate.of(2026, 11, 11))).isEmpty(); // Wednesday
    // Tuesday: next order day is Friday, 3 days on: protect 1 + 3 = 4 days (20), up to 20 + 15.
    assertThat(p.plan(h, stock, LocalDate.of(2026, 11, 10)))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.reason())
                  .isEqualTo("below reorder point 20 (lead-time demand 20 + safety 0)");
              assertThat(o.quantity()).isEqualTo(35);
            });
  }

  @Test
  void ss_ordersAtS_butMinmaxOnlyBelowMin() {
    SalesHistory h = steady(1, new StoreId[] {S1}, new SkuId[] {A});
    StockPositions stock = StockPositions.builder().add(S1, A, 6, 4).build();
    ReplenishmentPlanner ss =
        ReplenishmentPlanner.builder()
            .policies(
                table(PolicySettings.builder().method(ReplenishMethod.SS).min(10).max(30).build()))
            .build();
    ReplenishmentPlanner mm =
        ReplenishmentPlanner.builder()
            .policies(
                table(
                    PolicySettings.builder()
                        .method(ReplenishMethod.MINMAX)
                        .min(10)
                        .max(30)
                        .build()))
            .build();
    LocalDate d = LocalDate.of(2026, 11, 10);
    assertThat(ss.plan(h, stock, d))
        .singleElement()
        .extracting(PlannedOrder::quantity)
        .isEqualTo(20);
    assertThat(mm.plan(h, stock, d)).isEmpty();
  }

  @Test
  void invalidMergedPolicy_namesStoreAndSku() {
    SalesHistory h = steady(1, new StoreId[] {S1}, new SkuId[] {A});
    StockPositions stock = StockPositions.builder().add(S1, A, 0, 0).build();
    PolicyTable t =
        PolicyTable.builder()
            .source("policy.yaml")
            .defaults(PolicySettings.builder().method(ReplenishMethod.MINMAX).min(5).build())
            .build();
    assertThatThrownBy(
            () ->
                ReplenishmentPlanner.builder()
                    .policies(t)
                    .build()
                    .plan(h, stock, LocalDate.of(2026, 11, 10)))
        .isInstanceOf(InventoryInputException.class)
        .hasMessage("policy.yaml field skus.A: for store S001: minmax needs both min and max");
  }

  @Test
  void parallelPlan_sameOrdersInSameOrder_asSequential() throws Exception {
    int n = 3000;
    StoreId[] stores = new StoreId[n];
    SkuId[] skus = new SkuId[n];
    int[] data = new int[n * 70];
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    StockPositions.Builder sb = StockPositions.builder();
    for (int i = 0; i < n; i++) {
      stores[i] = StoreId.of("S" + i);
      skus[i] = A;
      for (int d = 0; d < 70; d++) {
        data[i * 70 + d] = r.nextInt(6);
      }
      sb.add(stores[i], A, r.nextInt(20), 0);
    }
    SalesHistory h = SalesHistory.ofDense(START, 70, stores, skus, data);
    StockPositions stock = sb.build();
    PolicyTable t = table(PolicySettings.builder().leadTimeDays(2).packSize(3).build());
    List<PlannedOrder> seq =
        ReplenishmentPlanner.builder()
            .policies(t)
            .build()
            .plan(h, stock, LocalDate.of(2026, 11, 10));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<PlannedOrder> par = new ArrayList<>();
      List<Long> progress = java.util.Collections.synchronizedList(new ArrayList<>());
      PlanSummary s =
          ReplenishmentPlanner.builder()
              .policies(t)
              .executor(pool, 2)
              .build()
              .plan(h, stock, LocalDate.of(2026, 11, 10), par::add, (d, tot) -> progress.add(d));
      assertThat(par).isEqualTo(seq);
      assertThat(seq).isNotEmpty();
      assertThat(s.orders()).isEqualTo(seq.size());
      assertThat(progress).contains((long) n);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void allocate_scarceStock_equalisesDaysOfCoverInWholePacks() {
    long[] req = {24, 24, 24};
    long[] pos = {0, 6, 12};
    double[] demand = {3, 3, 3};
    long[] a = FairShareAllocator.allocate(30, req, pos, demand, 6);
    assertThat(a).containsExactly(18, 12, 0);
    assertThat(FairShareAllocator.allocate(100, req, pos, demand, 6)).containsExactly(24, 24, 24);
    double[] cover = FairShareAllocator.coverAfter(a, pos, demand);
    assertThat(cover).containsExactly(6.0, 6.0, 4.0);
  }

  @Test
  void allocate_neverExceedsAvailableOrRequests_forRandomInputs() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    for (int round = 0; round < 300; round++) {
      int n = 1 + r.nextInt(8);
      int pack = 1 + r.nextInt(6);
      long[] req = new long[n];
      long[] pos = new long[n];
      double[] dem = new double[n];
      for (int i = 0; i < n; i++) {
        req[i] = pack * (long) r.nextInt(10);
        pos[i] = r.nextInt(30) - 5;
        dem[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 10;
      }
      long avail = r.nextInt(60);
      long[] a = FairShareAllocator.allocate(avail, req, pos, dem, pack);
      long sum = 0;
      for (int i = 0; i < n; i++) {
        assertThat(a[i]).isBetween(0L, req[i]);
        assertThat(a[i] % pack).isZero();
        sum += a[i];
      }
      assertThat(sum).isLessThanOrEqualTo(Math.max(avail, 0));
    }
  }

  @Test
  void transfers_moveSurplusToShortStoresInPacks() {
    List<PlannedTransfer> t =
        TransferPlanner.plan(
            A,
            new StoreId[] {S1, S2, StoreId.of("S003")},
            new long[] {2, 40, 15},
            new long[] {14, 16, 15},
            6);
    assertThat(t)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.from()).isEqualTo(S2);
              assertThat(x.to()).isEqualTo(S1);
              assertThat(x.quantity()).isEqualTo(12);
            });
    assertThat(
            TransferPlanner.plan(
                A, new StoreId[] {S1, S2}, new long[] {2, 17}, new long[] {14, 16}, 6))
        .isEmpty();
  }

  @Test
  void policySettings_outOfRange_namesTheSetting() {
    assertThatThrownBy(() -> PolicySettings.builder().serviceLevel(1.5))
        .hasMessageContaining("service_level");
    assertThatThrownBy(() -> PolicySettings.builder().packSize(0))
        .hasMessageContaining("pack_size must be 1..100000");
    assertThat(ReplenishMethod.ofId("MinMax")).isEqualTo(ReplenishMethod.MINMAX);
    assertThat(Set.of(ReplenishMethod.values())).hasSize(3);
  }

  @Test
  void plan_locationsWithoutHistory_areCountedAndNamed() {
    SalesHistory h = steady(5, new StoreId[] {S1}, new SkuId[] {A});
    StockPositions stock =
        StockPositions.builder().add(S1, A, 0, 0).add(S2, A, 0, 0).add(S1, B, -3, 0).build();
    ReplenishmentPlanner p =
        ReplenishmentPlanner.builder()
            .policies(table(PolicySettings.builder().method(ReplenishMethod.ROP).build()))
            .build();
    List<PlannedOrder> orders = new ArrayList<>();
    PlanSummary s = p.plan(h, stock, START.plusDays(70), orders::add, PlanProgress.NONE);
    assertThat(s.withoutHistory()).isEqualTo(2);
    assertThat(s.firstWithoutHistory())
        .containsExactly(new StockLocation(S2, A), new StockLocation(S1, B));
    assertThat(s.firstWithoutHistory().get(1)).hasToString("S001/B");
  }

  @Test
  void plan_dateBeyondAYearPastTheHistory_isRefusedNamingTheDate() {
    SalesHistory h = steady(5, new StoreId[] {S1}, new SkuId[] {A});
    StockPositions stock = StockPositions.builder().add(S1, A, 0, 0).build();
    ReplenishmentPlanner p =
        ReplenishmentPlanner.builder()
            .policies(table(PolicySettings.builder().method(ReplenishMethod.ROP).build()))
            .build();
    assertThatThrownBy(() -> p.plan(h, stock, LocalDate.of(9999, 12, 31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plan date 9999-12-31 is")
        .hasMessageContaining("last sales date 2026-11-09");
  }

  @Test
  void rop_weeklySales_convertsLeadTimeAndReviewFromDays() {
    // 70 a week for 20 weeks: 10 a day. Lead 3 days + review 1 day = 40; up to 40 + 10.
    int[] data = new int[20];
    java.util.Arrays.fill(data, 70);
    LocalDate monday = LocalDate.of(2026, 6, 1);
    SalesHistory h =
        SalesHistory.ofDense(
            io.ambientretail.inventory.forecast.ForecastPeriod.WEEK,
            monday,
            20,
            new StoreId[] {S1},
            new SkuId[] {A},
            data);
    StockPositions stock = StockPositions.builder().add(S1, A, 0, 0).build();
    ReplenishmentPlanner p =
        ReplenishmentPlanner.builder()
            .policies(
                table(
                    PolicySettings.builder()
                        .method(ReplenishMethod.ROP)
                        .leadTimeDays(3)
                        .reviewDays(1)
                        .build()))
            .historyQuantiles(false)
            .build();
    List<PlannedOrder> orders = p.plan(h, stock, monday.plusWeeks(20).plusDays(2));
    assertThat(orders).hasSize(1);
    assertThat(orders.get(0).quantity()).isEqualTo(50);
    assertThat(orders.get(0).reason()).startsWith("below reorder point 40 (lead-time demand 40");
  }

  @Test
  void rop_monthlySales_reorderPointIsTheHistoryQuantileOfLeadTimeDemand() {
    // 24 months alternating 0 and 4: every 2-month sum is 4, so any quantile is 4.
    int[] data = new int[24];
    for (int t = 1; t < data.length; t += 2) {
      data[t] = 4;
    }
    LocalDate jan = LocalDate.of(2024, 1, 1);
    SalesHistory h =
        SalesHistory.ofDense(
            io.ambientretail.inventory.forecast.ForecastPeriod.MONTH,
            jan,
            24,
            new StoreId[] {S1},
            new SkuId[] {A},
            data);
    StockPositions stock = StockPositions.builder().add(S1, A, 3, 0).build();
    PolicySettings rop =
        PolicySettings.builder()
            .method(ReplenishMethod.ROP)
            .leadTimeDays(30)
            .reviewDays(31)
            .build();
    List<PlannedOrder> orders =
        ReplenishmentPlanner.builder()
            .policies(table(rop))
            .build()
            .plan(h, stock, jan.plusYears(2));
    assertThat(orders).hasSize(1);
    assertThat(orders.get(0).reason())
        .isEqualTo("below reorder point 4 (95 % quantile of demand over 2 months in the last 24)");
    List<PlannedOrder> normal =
        ReplenishmentPlanner.builder()
            .policies(table(rop))
            .historyQuantiles(false)
            .build()
            .plan(h, stock, jan.plusYears(2));
    assertThat(normal).singleElement().satisfies(o -> assertThat(o.reason()).contains("safety"));
  }
}
