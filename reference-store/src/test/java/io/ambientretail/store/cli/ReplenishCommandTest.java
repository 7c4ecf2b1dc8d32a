package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplenishCommandTest {
  static final String GTIN = "05012345678900";
  static final String POLICY =
      String.join(
          "\n",
          "defaults: {method: rop, service_level: 0.95, lead_time_days: 2, review_days: 1, pack_size: 1}",
          "stores:",
          "  S002: {lead_time_days: 3}",
          "skus:",
          "  \""
              + GTIN
              + "\": {method: minmax, min: 10, max: 40, pack_size: 12, moq: 24, capacity: 60,"
              + " supplier: acme}",
          "");

  @TempDir Path dir;

  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /** 70 days of steady sales: 5 a day of SKU 2000 in S001 and S002, 3 a day of the GTIN in S001. */
  static Path sales(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("date,store,sku,quantity\n");
    LocalDate d = LocalDate.of(2026, 9, 1);
    for (int i = 0; i < 70; i++, d = d.plusDays(1)) {
      sb.append(d).append(",S001,2000,5\n");
      sb.append(d).append(",S002,2000,5\n");
      sb.append(d).append(",S001,").append(GTIN).append(",3\n");
    }
    Path p = dir.resolve("sales.csv");
    Files.writeString(p, sb, StandardCharsets.UTF_8);
    return p;
  }

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void plan_minmaxAndRop_followTheContractRules() throws IOException {
    Path sales = sales(dir);
    Path stock =
        write(
            "stock.csv",
            "store,sku,on_hand,on_order\n"
                + "S001,"
                + GTIN
                + ",5,0\n"
                + "S001,2000,4,0\n"
                + "S002,2000,3,1\n"
                + "S003,2000,100,0\n");
    Path policy = write("policy.yaml", POLICY);
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // minmax: position 5 < min 10, 40 - 5 = 35 -> 36 (3 packs of 12), >= moq 24, 41 <= 60.
    // rop S001: 3 days x 5 = 15 + safety 0 = 15 > 4 -> up to 15 + 5 = 20 -> 16, arrives in 2 days.
    // rop S002: lead 3: 4 days x 5 = 20 > 4 -> up to 25 -> 21, arrives in 3 days.
    // S003 has no sales history and 100 on hand: nothing.
    assertThat(r.lines())
        .containsExactly(
            "{\"type\":\"order\",\"store\":\"S001\",\"sku\":\""
                + GTIN
                + "\",\"qty\":36,"
                + "\"supplier\":\"acme\",\"arrives\":\"2026-11-12\","
                + "\"reason\":\"position 5 below min 10 (order up to max 40)\"}",
            "{\"type\":\"order\",\"store\":\"S001\",\"sku\":\"2000\",\"qty\":16,"
                + "\"arrives\":\"2026-11-12\","
                + "\"reason\":\"below reorder point 15 (lead-time demand 15 + safety 0)\"}",
            "{\"type\":\"order\",\"store\":\"S002\",\"sku\":\"2000\",\"qty\":21,"
                + "\"arrives\":\"2026-11-13\","
                + "\"reason\":\"below reorder point 20 (lead-time demand 20 + safety 0)\"}");
    assertThat(r.err()).contains("planned 4 locations for 2026-11-10: 3 orders, 73 units");
  }

  static final String STOCK_WITH_SURPLUS =
      "store,sku,on_hand,on_order\n"
          + "S001,"
          + GTIN
          + ",5,0\n"
          + "S001,2000,4,0\n"
          + "S002,2000,3,1\n"
          + "S003,2000,100,0\n";

  @Test
  void plan_dcShort_sharesOrdersByDaysOfCover_andLeavesOtherSkusAlone() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", STOCK_WITH_SURPLUS);
    Path policy = write("policy.yaml", POLICY);
    // The plan asks 16 (S001) + 21 (S002) of SKU 2000; the DC has 20. Both stores sell 5 a day
    // and hold 4: equal cover means 10 each. The GTIN is not in the DC file: unchanged.
    Path dc = write("dc.csv", "sku,available\n2000,20\n");
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString(),
            "--dc-stock",
            dc.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines())
        .containsExactly(
            "{\"type\":\"order\",\"store\":\"S001\",\"sku\":\""
                + GTIN
                + "\",\"qty\":36,"
                + "\"supplier\":\"acme\",\"arrives\":\"2026-11-12\","
                + "\"reason\":\"position 5 below min 10 (order up to max 40)\"}",
            "{\"type\":\"order\",\"store\":\"S001\",\"sku\":\"2000\",\"qty\":10,"
                + "\"arrives\":\"2026-11-12\","
                + "\"reason\":\"below reorder point 15 (lead-time demand 15 + safety 0); DC has 20 of"
                + " the 37 units ordered, fair share 10\"}",
            "{\"type\":\"order\",\"store\":\"S002\",\"sku\":\"2000\",\"qty\":10,"
                + "\"arrives\":\"2026-11-13\","
                + "\"reason\":\"below reorder point 20 (lead-time demand 20 + safety 0); DC has 20 of"
                + " the 37 units ordered, fair share 10\"}");
    assertThat(r.err()).contains("DC stock short: 2 orders cut (0 dropped), 0 transfers");
  }

  @Test
  void plan_dcShortWithTransfers_movesSurplusToTheStoresLeftShort() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", STOCK_WITH_SURPLUS);
    Path policy = write("policy.yaml", POLICY);
    Path dc = write("dc.csv", "sku,available\n2000,20\n" + GTIN + ",500\n");
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString(),
            "--dc-stock",
            dc.toString(),
            "--transfers");
    assertThat(r.code()).as(r.err()).isZero();
    // S003 sells nothing and holds 100: it gives S001 the 6 and S002 the 11 the DC could not.
    assertThat(r.lines()).hasSize(5);
    assertThat(r.lines().subList(3, 5))
        .containsExactly(
            "{\"type\":\"transfer\",\"store\":\"S001\",\"from\":\"S003\",\"sku\":\"2000\","
                + "\"qty\":6,\"reason\":\"store S003 holds 100 over its need; S001 is 6 short\"}",
            "{\"type\":\"transfer\",\"store\":\"S002\",\"from\":\"S003\",\"sku\":\"2000\","
                + "\"qty\":11,\"reason\":\"store S003 holds 100 over its need; S002 is 11 short\"}");
    assertThat(r.lines().get(0)).contains("\"qty\":36").doesNotContain("DC has");
  }

  @Test
  void plan_dcEnough_printsTheSameOrdersAsWithoutIt() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", STOCK_WITH_SURPLUS);
    Path policy = write("policy.yaml", POLICY);
    Path dc = write("dc.csv", "sku,available\n2000,37\n");
    Run with =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString(),
            "--dc-stock",
            dc.toString(),
            "--transfers");
    Run without =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString());
    assertThat(with.code()).as(with.err()).isZero();
    assertThat(with.lines()).hasSize(3).containsExactlyInAnyOrderElementsOf(without.lines());
  }

  @Test
  void plan_transfersWithoutDcStock_exits2() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", STOCK_WITH_SURPLUS);
    Path policy = write("policy.yaml", POLICY);
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString(),
            "--transfers");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--transfers needs --dc-stock").doesNotContain("at io.");
  }

  @Test
  void plan_badDcStock_exits2NamingFileLineAndField() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", STOCK_WITH_SURPLUS);
    Path policy = write("policy.yaml", POLICY);
    Path dc = write("dc.csv", "sku,available\n2000,20\n2001,-3\n");
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString(),
            "--dc-stock",
            dc.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("dc.csv")
        .contains("3")
        .contains("available")
        .doesNotContain("at io.");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void plan_capacityCutsToWholePacks_andBelowMoqOrdersNothing() throws IOException {
    Path sales = sales(dir);
    Path policy =
        write(
            "policy.yaml",
            "defaults: {method: minmax, min: 10, max: 40, "
                + "pack_size: 12, moq: 24, capacity: 30}\n");
    // S001: position 0 -> 48 wanted, capacity 30 -> 24 fits (2 packs), = moq: order 24.
    // S002: position 9 -> room 21 -> 12 < moq 24: nothing.
    Path stock = write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,0,0\nS002,2000,9,0\n");
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString(),
            "--date",
            "2026-11-20");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(1);
    assertThat(r.lines().get(0))
        .contains(
            "\"store\":\"S001\"", "\"qty\":24", "\"arrives\":\"2026-11-21\"", "cut to capacity 30");
  }

  @Test
  void plan_badQuantityInStock_exits2NamingFileLineAndField() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,4,0\nS002,2000,x,0\n");
    Path policy = write("policy.yaml", POLICY);
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .isEqualTo(
            "ambient: [INVENTORY_INPUT_FORMAT] stock.csv line 3 "
                + "field on_hand: not an integer: 'x'");
  }

  @Test
  void plan_unknownPolicyKey_exits2NamingLineAndKey() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,4,0\n");
    Path policy = write("policy.yaml", "defaults:\n  method: rop\n  lead_time: 2\n");
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "ambient: [INVENTORY_INPUT_FORMAT] policy.yaml line 3 field "
                + "defaults.lead_time: unknown setting");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void plan_minmaxWithoutMax_exits2WithPolicyInvalid() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,4,0\n");
    Path policy = write("policy.yaml", "defaults: {method: minmax, min: 3}\n");
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("[INVENTORY_POLICY_INVALID]", "minmax needs both min and max");
  }

  @Test
  void plan_badDate_exits2() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,4,0\n");
    Path policy = write("policy.yaml", POLICY);
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString(),
            "--date",
            "tomorrow");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--date must be an ISO date");
  }

  @Test
  void plan_manyLocations_drawsProgressBarOnStderrOnly() throws IOException {
    Path sales = sales(dir);
    StringBuilder sb = new StringBuilder("store,sku,on_hand,on_order\n");
    for (int s = 0; s < ReplenishCommand.Plan.PROGRESS_FROM; s++) {
      sb.append("T").append(s).append(",2000,0,0\n");
    }
    Path stock = write("stock.csv", sb.toString());
    Path policy = write("policy.yaml", "defaults: {method: minmax, min: 1, max: 6}\n");
    Run r =
        run(
            "replenish",
            "plan",
            "--sales",
            sales.toString(),
            "--stock",
            stock.toString(),
            "--policy",
            policy.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines())
        .hasSize(ReplenishCommand.Plan.PROGRESS_FROM)
        .allMatch(l -> l.startsWith("{\"type\":\"order\"") && l.contains("\"qty\":6"));
    assertThat(r.err()).contains("planning [####################] 100% 2000/2000");
  }

  Run plan(Path sales, Path stock, Path policy, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "replenish",
                "plan",
                "--sales",
                sales.toString(),
                "--stock",
                stock.toString(),
                "--policy",
                policy.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  @Test
  void plan_salesNotUtf8_exits2NamingFileAndLine() throws IOException {
    Path sales = dir.resolve("sales.csv");
    byte[] bad = {
      '2',
      '0',
      '2',
      '6',
      '-',
      '0',
      '9',
      '-',
      '0',
      '2',
      ',',
      'S',
      '0',
      '0',
      '1',
      ',',
      (byte) 0xC3,
      (byte) 0x28,
      ',',
      '1',
      '\n'
    };
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write("date,store,sku,quantity\n2026-09-01,S001,2000,5\n".getBytes(StandardCharsets.UTF_8));
    b.write(bad);
    Files.write(sales, b.toByteArray());
    Run r =
        plan(
            sales,
            write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,4,0\n"),
            write("policy.yaml", POLICY));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .doesNotContain("Input length", "\n")
        .contains("sales.csv line 3: not UTF-8 text");
  }

  @Test
  void plan_policyNotUtf8_exits2NamingFileAndLine() throws IOException {
    Path policy = dir.resolve("policy.yaml");
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write("defaults:\n  method: rop\n  supplier: ".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xFF, (byte) 0xFE, '\n'});
    Files.write(policy, b.toByteArray());
    Run r =
        plan(sales(dir), write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,4,0\n"), policy);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("Input length").contains("policy.yaml line 3: not UTF-8");
  }

  @Test
  void plan_missingSales_exits2NamingOptionAndFile() throws IOException {
    Path missing = dir.resolve("nope.csv");
    Run r =
        plan(
            missing,
            write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,4,0\n"),
            write("policy.yaml", POLICY));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--sales " + missing + ": no such file");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void plan_directoryAsStockOrPolicy_exits2NamingTheOption() throws IOException {
    Path sales = sales(dir);
    Path stock = write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,4,0\n");
    Path policy = write("policy.yaml", POLICY);
    Path folder = Files.createDirectory(dir.resolve("folder"));
    Run r = plan(sales, folder, policy);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--stock " + folder + ": is a directory").doesNotContain("Is a");
    Run p = plan(sales, stock, folder);
    assertThat(p.code()).isEqualTo(2);
    assertThat(p.err()).contains("--policy " + folder + ": is a directory");
  }

  @Test
  void plan_dateFarPastTheHistory_exits2NamingDate() throws IOException {
    Run r =
        plan(
            sales(dir),
            write("stock.csv", "store,sku,on_hand,on_order\nS001,2000,4,0\n"),
            write("policy.yaml", POLICY),
            "--date",
            "9999-12-31");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("--date 9999-12-31 is ", "after the last sales date 2026-11-09")
        .doesNotContain("horizon");
  }

  @Test
  void plan_stockRowWithoutSalesHistory_isNamedOnStderr() throws IOException {
    Run r =
        plan(
            sales(dir),
            write(
                "stock.csv",
                "store,sku,on_hand,on_order\nS001,2000,4,0\nS001,9999,0,0\nS004,2000,1,0\n"),
            write("policy.yaml", POLICY));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).noneMatch(l -> l.contains("9999") || l.contains("S004"));
    assertThat(r.err())
        .contains(
            "no sales history before the plan date for 2 locations (S001/9999, S004/2000)",
            "forecast as selling nothing");
  }

  @Test
  void help_showsExample() {
    Run r = run("replenish", "plan", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Example:", "ambient replenish plan --sales sales.csv");
  }
}
