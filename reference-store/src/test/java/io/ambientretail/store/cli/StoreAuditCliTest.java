package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store's own audit trail through the command line: a demo run writes it, {@code ambient audit
 * export} reads it from the store's database and {@code ambient audit verify} checks it.
 */
class StoreAuditCliTest {
  @TempDir Path tmp;
  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void demoTrail_exportVerify_ok_thenTamperedLine_isNamed(String kind) throws Exception {
    Path data = tmp.resolve("data");
    String url =
        kind.equals("sqlite")
            ? "jdbc:sqlite:" + data.resolve("store.db")
            : TestDatabases.freshPostgres();
    assertThat(
            run(
                "store",
                "demo",
                "--shoppers",
                "4",
                "--seed",
                "11",
                "--exit-when-done",
                "--port",
                "0",
                "--data",
                data.toString(),
                "--db",
                url))
        .as(err.toString())
        .isZero();

    assertThat(run("audit", "export", "--db", url)).as(err.toString()).isZero();
    List<String> lines = new ArrayList<>(out.toString().lines().toList());
    assertThat(lines.size()).isGreaterThan(4);
    String all = String.join("\n", lines);
    assertThat(all)
        .contains(
            "\"action\":\"store.start\"",
            "\"action\":\"receipt.issued\"",
            "\"action\":\"audit.checkpoint\"",
            "\"outcome\":\"success\"",
            "\"origin\":\"store\"");
    // the store's signed checkpoints travel in the export, checked against the store's key
    List<Integer> entryLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("{\"checkpoint\"")) {
        entryLines.add(i);
      }
    }
    int checkpoints = lines.size() - entryLines.size();
    assertThat(checkpoints).as("the shutdown checkpoint at least").isPositive();
    Path file = tmp.resolve("audit.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    String vkey = data.resolve("audit-checkpoint.vkey").toString();
    assertThat(run("audit", "verify", file.toString(), "--key", vkey)).as(err.toString()).isZero();
    assertThat(out.toString())
        .startsWith("{\"ok\":true,\"entries\":" + entryLines.size() + ",")
        .contains(
            "\"checkpoints\":" + checkpoints, "\"checkpointSignaturesVerified\":" + checkpoints);

    int victim = entryLines.size() / 2;
    String before = lines.get(entryLines.get(victim));
    String after = before.replaceFirst("\"actor\":\"[^\"]*\"", "\"actor\":\"mallory\"");
    assertThat(after).isNotEqualTo(before);
    lines.set(entryLines.get(victim), after);
    Files.write(file, lines, StandardCharsets.UTF_8);
    assertThat(run("audit", "verify", file.toString())).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":" + victim + ",");
    assertThat(err.toString()).contains("entry " + victim);
  }
}
