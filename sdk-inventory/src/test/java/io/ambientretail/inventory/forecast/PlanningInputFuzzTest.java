package io.ambientretail.inventory.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.InventoryInputException;
import io.ambientretail.inventory.replenish.StockCsv;
import io.ambientretail.inventory.replenish.StockPositions;
import java.io.IOException;
import java.io.StringReader;

/**
 * Hostile sales and stock CSV: every input either parses into consistent values or fails with an
 * {@link InventoryInputException} naming the file; nothing else escapes. Seeds under
 * src/test/resources/.../PlanningInputFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class PlanningInputFuzzTest {
  private static final InputLimits LIMITS = new InputLimits(256, 2000, 200, 1000, 400, 4096, 50);

  @FuzzTest(maxDuration = "30s")
  void salesCsv(FuzzedDataProvider data) throws IOException {
    String text = data.consumeRemainingAsString();
    try {
      SalesHistory h = SalesCsv.read(new StringReader(text), "fuzz.csv", LIMITS);
      assertThat(h.seriesCount()).isBetween(1, LIMITS.maxSeries());
      assertThat(h.days()).isBetween(1, LIMITS.maxDays());
      for (int i = 0; i < h.seriesCount(); i++) {
        assertThat(java.util.Arrays.stream(h.series(i)))
            .allMatch(q -> q >= 0 && q <= LIMITS.maxQuantity());
      }
    } catch (InventoryInputException e) {
      assertThat(e.getMessage()).startsWith("fuzz.csv");
    }
  }

  @FuzzTest(maxDuration = "30s")
  void stockCsv(FuzzedDataProvider data) throws IOException {
    String text = data.consumeRemainingAsString();
    try {
      StockPositions p = StockCsv.read(new StringReader(text), "fuzz.csv", LIMITS);
      for (int i = 0; i < p.size(); i++) {
        assertThat(p.onOrder(i)).isBetween(0, LIMITS.maxQuantity());
      }
    } catch (InventoryInputException e) {
      assertThat(e.getMessage()).startsWith("fuzz.csv");
    }
  }
}
