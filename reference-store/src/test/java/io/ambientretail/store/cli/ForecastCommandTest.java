package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {
  @TempDir Path dir;

  @Test
  void predict_steadySeries_forecastsItsLevelForEveryDay() throws IOException {
    Path sales = ReplenishCommandTest.sales(dir);
    ReplenishCommandTest.Run r =
        ReplenishCommandTest.run(
            "forecast", "predict", "--sales", sales.toString(), "--horizon", "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(9);
    assertThat(r.lines().get(0))
        .isEqualTo(
            "{\"store\":\"S001\",\"sku\":\"2000\","
                + "\"date\":\"2026-11-10\",\"forecast\":5.0,\"method\":\"ses\"}");
    assertThat(r.lines().get(8))
        .startsWith(
            "{\"store\":\"S001\",\"sku\":\""
                + ReplenishCommandTest.GTIN
                + "\",\"date\":\"2026-11-12\",\"forecast\":3.0,");
  }

  @Test
  void eval_printsEveryMethodThenEverySeries() throws IOException {
    Path sales = ReplenishCommandTest.sales(dir);
    ReplenishCommandTest.Run r =
        ReplenishCommandTest.run(
            "forecast", "eval", "--sales", sales.toString(), "--horizon", "14");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(13 + 3);
    assertThat(r.lines().subList(0, 13))
        .extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactly(
            "{\"method\":\"ses\"",
            "{\"method\":\"holt\"",
            "{\"method\":\"holt-winters\"",
            "{\"method\":\"croston\"",
            "{\"method\":\"sba\"",
            "{\"method\":\"tsb\"",
            "{\"method\":\"adida\"",
            "{\"method\":\"imapa\"",
            "{\"method\":\"zero\"",
            "{\"method\":\"median\"",
            "{\"method\":\"median-tsb\"",
            "{\"method\":\"mean28\"",
            "{\"method\":\"auto\"");
    // A constant series has no day-to-day change: MASE is undefined (null), WAPE is exact (0).
    assertThat(r.lines().get(0)).contains("\"mase\":null", "\"wape\":0.0", "\"seconds\":");
    assertThat(r.lines().get(13)).startsWith("{\"store\":\"S001\",\"sku\":\"2000\",\"method\":");
  }

  @Test
  void eval_historyTooShort_exits2() throws IOException {
    Path sales = dir.resolve("s.csv");
    Files.writeString(sales, "date,store,sku,quantity\n2026-01-01,S1,A,1\n2026-01-05,S1,A,2\n");
    ReplenishCommandTest.Run r =
        ReplenishCommandTest.run("forecast", "eval", "--sales", sales.toString(), "--horizon", "7");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("s.csv: 5 days of history are too few to backtest 7 days");
  }

  @Test
  void predict_duplicateRow_exits2NamingTheLine() throws IOException {
    Path sales = dir.resolve("s.csv");
    Files.writeString(sales, "date,store,sku,quantity\n2026-01-01,S1,A,1\n2026-01-01,S1,A,2\n");
    ReplenishCommandTest.Run r =
        ReplenishCommandTest.run(
            "forecast", "predict", "--sales", sales.toString(), "--horizon", "7");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "ambient: [INVENTORY_INPUT_FORMAT] s.csv line 3 field "
                + "date: a second row for store S1, sku A on 2026-01-01");
  }

  @Test
  void evalAndPredict_missingOrDirectorySales_exits2NamingOption() throws IOException {
    Path missing = dir.resolve("missing.csv");
    for (String cmd : new String[] {"eval", "predict"}) {
      ReplenishCommandTest.Run r =
          ReplenishCommandTest.run(
              "forecast", cmd, "--sales", missing.toString(), "--horizon", "3");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("--sales " + missing + ": no such file");
      ReplenishCommandTest.Run d =
          ReplenishCommandTest.run("forecast", cmd, "--sales", dir.toString(), "--horizon", "3");
      assertThat(d.code()).isEqualTo(2);
      assertThat(d.err()).contains("--sales " + dir + ": is a directory");
    }
  }

  @Test
  void predict_monthly_printsMonthLines() throws IOException {
    StringBuilder sb = new StringBuilder("month,store,sku,quantity\n");
    for (int m = 1; m <= 12; m++) {
      sb.append(String.format("2025-%02d,S1,P1,4%n", m));
    }
    Path sales = dir.resolve("monthly.csv");
    Files.writeString(sales, sb);
    ReplenishCommandTest.Run r =
        ReplenishCommandTest.run(
            "forecast",
            "predict",
            "--sales",
            sales.toString(),
            "--horizon",
            "2",
            "--period",
            "month");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines().get(0))
        .startsWith("{\"store\":\"S1\",\"sku\":\"P1\",\"month\":\"2026-01\",");
    assertThat(r.lines().get(1)).contains("\"month\":\"2026-02\"", "\"forecast\":4.0");
  }

  @Test
  void predict_badPeriod_exits2NamingTheOption() throws IOException {
    Path sales = ReplenishCommandTest.sales(dir);
    ReplenishCommandTest.Run r =
        ReplenishCommandTest.run(
            "forecast", "predict", "--sales", sales.toString(), "--horizon", "2", "--period", "yr");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--period must be day, week or month, was 'yr'");
  }

  @Test
  void eval_monthlyByMase_saysWhichMetricAutoChoseBy_andBadMetricExits2() throws IOException {
    StringBuilder sb = new StringBuilder("month,store,sku,quantity\n");
    java.util.Random rnd = new java.util.Random(3);
    for (int m = 0; m < 40; m++) {
      String month = String.format("%04d-%02d", 2020 + m / 12, 1 + m % 12);
      sb.append(month).append(",S1,P1,").append(rnd.nextInt(4) == 0 ? 2 : 0).append('\n');
      sb.append(month).append(",S1,P2,").append(3 + rnd.nextInt(3)).append('\n');
    }
    Path sales = dir.resolve("monthly.csv");
    Files.writeString(sales, sb);
    ReplenishCommandTest.Run r =
        ReplenishCommandTest.run(
            "forecast",
            "eval",
            "--sales",
            sales.toString(),
            "--horizon",
            "6",
            "--period",
            "month",
            "--metric",
            "mase");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("backtested 2 series over the last 6 of 40 months", "by mase");
    assertThat(r.lines())
        .anyMatch(l -> l.startsWith("{\"method\":\"auto\"") && l.contains("msPerSeries"));
    ReplenishCommandTest.Run bad =
        ReplenishCommandTest.run(
            "forecast", "eval", "--sales", sales.toString(), "--horizon", "6", "--metric", "mse");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--metric must be rmsse, mase or wape, was 'mse'");
  }
}
