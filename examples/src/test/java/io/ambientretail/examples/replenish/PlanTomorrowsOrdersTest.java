package io.ambientretail.examples.replenish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanTomorrowsOrdersTest {
  @TempDir Path dir;

  @Test
  void run_plansColaByReorderPointAndMilkByMinMaxWithinShelfLife() throws Exception {
    StringBuilder sales = new StringBuilder("date,store,sku,quantity\n");
    LocalDate d = LocalDate.of(2026, 10, 1);
    for (int i = 0; i < 56; i++, d = d.plusDays(1)) {
      sales.append(d).append(",S001,COLA-05,4\n").append(d).append(",S001,MILK-1L,3\n");
    }
    Path salesCsv = dir.resolve("sales.csv");
    Files.writeString(salesCsv, sales);
    Path stockCsv = dir.resolve("stock.csv");
    Files.writeString(
        stockCsv, "store,sku,on_hand,on_order\nS001,COLA-05,3,0\n" + "S001,MILK-1L,2,0\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlanTomorrowsOrders.run(
        salesCsv, stockCsv, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    // Cola: 3 days x 4 = 12 to cover, up to 12 + 4 = 16, minus 3 on hand = 13 -> 18 (3 cases).
    // Milk: 2 on hand below min 6; up to 30, but only 3 x (1 + 4) = 15 sell before expiry: 13, in
    // cases of 6 -> 12.
    assertThat(out.lines())
        .containsExactly(
            "S001 COLA-05: order 18 from wholesaler, arrives 2026-11-28 "
                + "(below reorder point 12 (lead-time demand 12 + safety 0))",
            "S001 MILK-1L: order 12 from dairy, arrives 2026-11-27 "
                + "(position 2 below min 6 (order up to max 30); cut to 15 that sell within shelf life)");
  }
}
