package io.ambientretail.inventory.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.InventoryInputException;
import io.ambientretail.inventory.replenish.StockCsv;
import io.ambientretail.inventory.replenish.StockPositions;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SalesCsvTest {
  static SalesHistory read(String text) throws IOException {
    return SalesCsv.read(new StringReader(text), "sales.csv", InputLimits.defaults());
  }

  static InventoryInputException fails(String text) {
    return (InventoryInputException)
        org.assertj.core.api.Assertions.catchThrowable(() -> read(text));
  }

  @Test
  void read_quotedFieldsBomCrlfAndGaps_fillsZeros() throws IOException {
    SalesHistory h =
        read(
            "\uFEFFsku,date,store,quantity,note\r\n"
                + "\"05012345678900\",2026-11-01,S1,3,\"a, b\"\r\n"
                + "\r\n"
                + "05012345678900,2026-11-04,S1,2,x\r\n"
                + "7,2026-11-02,S2,1,\n");
    assertThat(h.startDate()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(h.days()).isEqualTo(4);
    int i = h.indexOf(StoreId.of("S1"), SkuId.of("05012345678900")).orElseThrow();
    assertThat(h.series(i)).containsExactly(3, 0, 0, 2);
    assertThat(h.series(h.indexOf(StoreId.of("S2"), SkuId.of("7")).orElseThrow()))
        .containsExactly(0, 1, 0, 0);
  }

  @Test
  void read_badInputs_nameLineAndField() {
    String head = "date,store,sku,quantity\n";
    assertThat(fails(head + "2026-11-01,S1,A,1\n2026-13-01,S1,A,1\n"))
        .hasMessage("sales.csv line 3 field date: not an ISO date (YYYY-MM-DD): '2026-13-01'");
    assertThat(fails(head + "2026-11-01,S1,A,-1\n"))
        .hasMessage("sales.csv line 2 field quantity: value -1 outside 0..1000000");
    assertThat(fails(head + "2026-11-01,S 1,A,1\n").field()).isEqualTo("store");
    assertThat(fails(head + "2026-11-01,S1\n"))
        .hasMessage("sales.csv line 2 field sku: missing (the row has 2 fields)");
    assertThat(fails(head + "2026-11-01,\"S1,A,1\n"))
        .hasMessageStartingWith("sales.csv line 2: unterminated quoted field");
    assertThat(fails("date,store,quantity\n"))
        .hasMessage(
            "sales.csv line 1: the header must name the column 'sku' "
                + "(expected date,store,sku,quantity)");
    assertThat(fails("")).hasMessageContaining("empty file");
    assertThat(fails(head)).hasMessage("sales.csv: no sales rows");
    assertThat(fails(head + "2026-11-01,S1,A,99999999999999999\n").field()).isEqualTo("quantity");
  }

  @Test
  void read_overLimits_failsWithLimitCode() {
    InputLimits small = new InputLimits(64, 3, 2, 100, 10, 1024, 10);
    String head = "date,store,sku,quantity\n";
    assertThatThrownBy(
            () -> SalesCsv.read(new StringReader(head + "x".repeat(100) + "\n"), "s.csv", small))
        .hasMessage("s.csv line 2: line longer than 64 characters");
    assertThatThrownBy(
            () ->
                SalesCsv.read(
                    new StringReader(
                        head
                            + "2026-11-01,S1,A,1\n2026-11-02,S1,A,1\n2026-11-03,S1,A,1\n2026-11-04,S1,A,1\n"),
                    "s.csv",
                    small))
        .hasMessage("s.csv line 5: more than 3 rows");
    assertThatThrownBy(
            () ->
                SalesCsv.read(
                    new StringReader(head + "2026-11-01,S1,A,1\n2026-11-20,S1,A,1\n"),
                    "s.csv",
                    small))
        .hasMessage("s.csv line 3 field date: dates span more than 10 days")
        .extracting(e -> ((InventoryInputException) e).code())
        .isEqualTo(InventoryInputException.INPUT_LIMIT);
  }

  @Test
  void stockCsv_readsPositions_andRejectsDuplicates() throws IOException {
    StockPositions p =
        StockCsv.read(
            new StringReader("store,sku,on_hand,on_order\n" + "S1,A,-2,5\nS1,B,0,0\n"),
            "stock.csv",
            InputLimits.defaults());
    assertThat(p.size()).isEqualTo(2);
    assertThat(p.onHand(0)).isEqualTo(-2);
    assertThat(p.onOrder(0)).isEqualTo(5);
    assertThatThrownBy(
            () ->
                StockCsv.read(
                    new StringReader("store,sku,on_hand,on_order\n" + "S1,A,1,0\nS1,A,2,0\n"),
                    "stock.csv",
                    InputLimits.defaults()))
        .hasMessage("stock.csv line 3 field sku: store S1, sku A given twice");
  }

  @Test
  void readFile_notUtf8_namesFileAndLineOfTheBadByte(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path p = dir.resolve("sales.csv");
    // Enough good lines that the bad byte lies past the reader's first buffer.
    StringBuilder sb = new StringBuilder("date,store,sku,quantity\n");
    LocalDate d = LocalDate.of(2020, 1, 1);
    for (int i = 0; i < 1000; i++) {
      sb.append(d.plusDays(i)).append(",S1,A,1\n");
    }
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    b.write(new byte[] {'2', '0', '2', '3', '-', '0', '1', '-', '0', '1', ',', 'S', (byte) 0x80});
    b.write(",A,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.nio.file.Files.write(p, b.toByteArray());
    assertThatThrownBy(() -> SalesCsv.read(p, InputLimits.defaults()))
        .isInstanceOf(InventoryInputException.class)
        .hasMessageStartingWith("sales.csv line 1002: not UTF-8 text");
  }

  @Test
  void read_monthly_fillsAbsentMonthsWithZero() throws IOException {
    SalesHistory h =
        SalesCsv.read(
            new StringReader("month,store,sku,quantity\n1998-01,S,P1,2\n1998-04,S,P1,5\n"),
            "m.csv",
            ForecastPeriod.MONTH,
            InputLimits.defaults());
    assertThat(h.period()).isEqualTo(ForecastPeriod.MONTH);
    assertThat(h.startDate()).isEqualTo(LocalDate.of(1998, 1, 1));
    assertThat(h.endDate()).isEqualTo(LocalDate.of(1998, 4, 30));
    assertThat(h.series(0)).containsExactly(2, 0, 0, 5);
  }

  @Test
  void read_weekly_acrossTheYearEnd() throws IOException {
    SalesHistory h =
        SalesCsv.read(
            new StringReader("week,store,sku,quantity\n2026-W52,S,A,1\n2027-W01,S,A,3\n"),
            "w.csv",
            ForecastPeriod.WEEK,
            InputLimits.defaults());
    assertThat(h.series(0)).containsExactly(1, 0, 3);
    assertThat(h.periodStart(3)).isEqualTo(LocalDate.of(2027, 1, 11));
  }

  @Test
  void read_periodNotMatchingTheFile_namesFileLineAndColumn() {
    assertThatThrownBy(
            () ->
                SalesCsv.read(
                    new StringReader("date,store,sku,quantity\n2026-01-01,S,A,1\n"),
                    "sales.csv",
                    ForecastPeriod.MONTH,
                    InputLimits.defaults()))
        .hasMessageContaining("sales.csv line 1")
        .hasMessageContaining("must name the column 'month'");
    assertThatThrownBy(
            () ->
                SalesCsv.read(
                    new StringReader("month,store,sku,quantity\n2026-01,S,A,1\n2026-01-05,S,A,1\n"),
                    "sales.csv",
                    ForecastPeriod.MONTH,
                    InputLimits.defaults()))
        .hasMessage("sales.csv line 3 field month: not a month (YYYY-MM):" + " '2026-01-05'");
    assertThatThrownBy(
            () ->
                SalesCsv.read(
                    new StringReader("week,store,sku,quantity\n2026-W02,S,A,1\n2026-W02,S,A,4\n"),
                    "sales.csv",
                    ForecastPeriod.WEEK,
                    InputLimits.defaults()))
        .hasMessageContaining("sales.csv line 3 field week: a second row")
        .hasMessageContaining("in week 2026-W02");
  }
}
