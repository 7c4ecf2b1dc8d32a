package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.inventory.fusion.Receipt;
import io.ambientretail.inventory.fusion.ReceiptReader;
import io.ambientretail.inventory.fusion.ReplayLimits;
import io.ambientretail.inventory.fusion.ReplayMetrics;
import io.ambientretail.testing.fusion.FusionMix;
import io.ambientretail.testing.fusion.FusionScenario;
import io.ambientretail.testing.fusion.GeneratedDay;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusionCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void replay_withTruth_printsReceiptsThenAMetricsLineThatAgreesWithThem() throws Exception {
    GeneratedDay day =
        FusionScenario.builder().mix(FusionMix.BUSY).shoppers(25).seed(3).build().generate();
    Path events = dir.resolve("day.jsonl");
    Path truth = dir.resolve("day.truth.jsonl");
    Files.write(events, day.events(), StandardCharsets.UTF_8);
    Files.write(truth, day.truth(), StandardCharsets.UTF_8);

    assertThat(run("fusion", "replay", events.toString(), "--truth", truth.toString())).isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(26);
    assertThat(lines.get(25)).startsWith("{\"metrics\":{\"receipts\":25,\"exactReceipts\":");
    List<Receipt> printed =
        ReceiptReader.readAll(new StringReader(out.toString()), ReplayLimits.defaults());
    List<Receipt> expected =
        ReceiptReader.readAll(
            new StringReader(String.join("\n", day.truth())), ReplayLimits.defaults());
    ReplayMetrics m = ReplayMetrics.compare(printed, expected);
    assertThat(lines.get(25))
        .contains("\"exactReceipts\":" + m.exactReceipts() + ",")
        .contains("\"review\":" + m.review() + ",");
    assertThat(m.exactReceipts()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void replay_withoutTruth_printsOnlyReceipts() throws Exception {
    Path events = dir.resolve("small.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"v\":1,\"t\":0,\"type\":\"lane\",\"lane\":\"S1-L1\",\"shelf\":\"S1\","
                + "\"sku\":\"05012345678900\",\"unitGrams\":330.0,\"gramsStd\":2.5,\"x\":0.0,\"y\":0.0}",
            "{\"v\":1,\"t\":100,\"type\":\"enter\",\"shopper\":\"p1\"}",
            "{\"v\":1,\"t\":9000,\"type\":\"exit\",\"shopper\":\"p1\"}"),
        StandardCharsets.UTF_8);
    assertThat(run("fusion", "replay", events.toString())).as(err::toString).isZero();
    assertThat(out.toString().strip())
        .isEqualTo(
            "{\"type\":\"receipt\",\"shopper\":\"p1\",\"items\":[],\"confidence\":1.0,\"review\":false}");
  }

  @Test
  void replay_badField_exits2NamingFileLineAndField() throws Exception {
    Path events = dir.resolve("bad.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"v\":1,\"t\":0,\"type\":\"lane\",\"lane\":\"S1-L1\",\"shelf\":\"S1\","
                + "\"sku\":\"05012345678900\",\"unitGrams\":330.0,\"gramsStd\":2.5,\"x\":0.0,\"y\":0.0}",
            "{\"v\":1,\"t\":10,\"type\":\"weight\",\"lane\":\"S1-L1\",\"grams\":6600.0}",
            "{\"v\":1,\"t\":20,\"type\":\"weight\",\"lane\":\"S1-L1\",\"grams\":\"heavy\"}"),
        StandardCharsets.UTF_8);
    assertThat(run("fusion", "replay", events.toString())).isEqualTo(2);
    String e = err.toString();
    assertThat(e.strip().lines()).hasSize(1);
    assertThat(e).contains("bad.jsonl:3:").contains("field 'grams'").doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void replay_missingFile_exits2() {
    assertThat(run("fusion", "replay", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nope.jsonl");
  }

  private static final String LANE =
      "{\"v\":1,\"t\":0,\"type\":\"lane\",\"lane\":\"S1-L1\",\"shelf\":\"S1\","
          + "\"sku\":\"05012345678900\",\"unitGrams\":330.0,\"gramsStd\":2.5,\"x\":0.0,\"y\":0.0}";

  @Test
  void replay_truthInTheStoreDemosShape_exits2NamingFileLineAndReason() throws Exception {
    Path events = dir.resolve("day.jsonl");
    Files.writeString(
        events, LANE + "\n{\"v\":1,\"t\":100,\"type\":\"enter\",\"shopper\":\"p1\"}\n");
    Path truth = dir.resolve("truth.jsonl");
    Files.writeString(truth, "{\"session\":\"ws_1\",\"items\":{\"05012345678900\":1}}\n");

    assertThat(run("fusion", "replay", events.toString(), "--truth", truth.toString()))
        .isEqualTo(2);

    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .contains("FUSION_TRUTH_FORMAT")
        .contains("truth.jsonl:1:")
        .contains("store demo's shopper log");
    assertThat(out.toString()).doesNotContain("exactRate");
  }

  @Test
  void replay_invalidUtf8_exits2NamingFileAndLine() throws Exception {
    Path events = dir.resolve("latin1.jsonl");
    byte[] head =
        (LANE + "\n{\"v\":1,\"t\":100,\"type\":\"enter\",\"shopper\":\"Andr")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xe9; // é in ISO-8859-1
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    Files.write(events, all);

    assertThat(run("fusion", "replay", events.toString())).isEqualTo(2);

    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .contains("FUSION_REPLAY_ENCODING")
        .contains("latin1.jsonl:2:")
        .contains("not valid UTF-8")
        .doesNotContain("Input length");
  }

  @Test
  void replay_aDirectory_exits2InOneLine() {
    assertThat(run("fusion", "replay", dir.toString())).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("is a directory, not a file");
  }

  @Test
  void replay_printsEachReceiptAsTheShopperLeaves_beforeALaterBadLine() throws Exception {
    Path events = dir.resolve("late-error.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            LANE,
            "{\"v\":1,\"t\":100,\"type\":\"enter\",\"shopper\":\"p1\"}",
            "{\"v\":1,\"t\":9000,\"type\":\"exit\",\"shopper\":\"p1\"}",
            "{\"v\":1,\"t\":8000,\"type\":\"enter\",\"shopper\":\"p2\"}"));

    assertThat(run("fusion", "replay", events.toString())).isEqualTo(2);

    assertThat(out.toString()).contains("\"shopper\":\"p1\"").doesNotContain("p2");
    assertThat(err.toString()).contains("late-error.jsonl:4:").contains("time goes backwards");
  }
}
