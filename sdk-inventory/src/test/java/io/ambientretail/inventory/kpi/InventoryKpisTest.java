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
    InventoryKpis k = InventoryKpis.of(List.of(
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
    InventoryKpis k = InventoryKpis.of(List.of(
        new DailyStock(LocalDate.of(2026, 11, 1), 0, 0, 5, 0, 0)));
    assertThat(k.fillRate()).isEqualTo(1);
    assertThat(k.daysOfStock()).isInfinite();
    assertThat(k.shrinkRate()).isNaN();
  }
}
