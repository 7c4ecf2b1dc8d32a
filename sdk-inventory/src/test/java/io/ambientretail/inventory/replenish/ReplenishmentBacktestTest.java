package io.ambientretail.inventory.replenish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplenishmentBacktestTest {
  @Test
  void quantile_ofIntervalSums_isTheSmallestValueCoveringTheShare() {
    // Sums of 2 consecutive periods: 1, 1, 0, 3, 5, 2 -> sorted 0 1 1 2 3 5
    int[] y = {1, 0, 0, 3, 2, 0};
    int[] h = {1, 0, 1, 0, 0, 3, 2, 0};
    assertThat(LeadTimeDemand.quantile(y, 0, y.length, 2, 0.5, 24)).isEqualTo(2);
    assertThat(LeadTimeDemand.quantile(h, 0, h.length, 2, 0.5, 24)).isEqualTo(1);
    assertThat(LeadTimeDemand.quantile(h, 0, h.length, 2, 0.95, 24)).isEqualTo(5);
    // Only the last 4 periods (0 3 2 0): sums 3 5 2 -> median 3
    assertThat(LeadTimeDemand.quantile(h, 0, h.length, 2, 0.5, 4)).isEqualTo(3);
    assertThatThrownBy(() -> LeadTimeDemand.quantile(h, 0, h.length, 2, 1.0, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replay_knownDemand_countsStockoutsFillAndStock() {
    // Order up to 2 every period, instant delivery: demand 3 runs out once, serving 2 of 3.
    int[] y = {0, 1, 3, 0, 2};
    ReplenishmentBacktest.Result r = ReplenishmentBacktest.replay(y, 0, 1, 5, 0, (h, o, n) -> 2);
    assertThat(r.cycles()).isEqualTo(4);
    assertThat(r.stockoutCycles()).isEqualTo(1);
    assertThat(r.demand()).isEqualTo(6);
    assertThat(r.served()).isEqualTo(5);
    // Stock at the end of each period: 1, 0, 2, 0.
    assertThat(r.averageStock()).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void replay_leadTime_delaysArrivals_andMinMaxOrdersOnlyBelowMin() {
    int[] y = {0, 2, 2, 2, 2};
    // min 3, max 6, lead 1: start with 6 on hand.
    ReplenishmentBacktest.Result r =
        ReplenishmentBacktest.replay(y, 0, 1, 5, 1, (h, o, n) -> 3, (h, o, n) -> 6);
    // t1: pos 6, no order, sell 2 -> 4. t2: pos 4, none, -> 2. t3: pos 2 < 3, order 4 (arrives
    // t4), sell 2 -> 0. t4: receive 4, pos 4, none, sell 2 -> 2.
    assertThat(r.stockoutCycles()).isZero();
    assertThat(r.stockPeriodSum()).isEqualTo(4 + 2 + 0 + 2);
  }

  @Test
  void quantilePolicy_onStationaryIntermittentDemand_meetsItsCycleServiceTarget() {
    Random rnd = new Random(42);
    int[] y = new int[600];
    for (int t = 0; t < y.length; t++) {
      y[t] = rnd.nextDouble() < 0.3 ? 1 + rnd.nextInt(4) : 0;
    }
    ReplenishmentBacktest.Result r =
        ReplenishmentBacktest.replay(
            y, 0, 100, y.length, 1, (h, o, n) -> LeadTimeDemand.quantile(h, o, n, 2, 0.95, 100));
    assertThat(r.cycleServiceLevel()).isBetween(0.93, 0.99);
    assertThat(r.fillRate()).isLessThan(1.0).isGreaterThan(0.8);
  }
}
