package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmbientMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void help_listsEverySubcommandOfTheContract() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("store", "card", "device", "fusion", "fpe", "forecast", "replenish", "audit")
        .contains("Examples:");
  }

  @Test
  void version_printsOneLine() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString().strip()).startsWith("ambient ").doesNotContain("\n");
  }

  @Test
  void unknownSubcommand_exits2WithOneLineAndNoStackTrace() {
    assertThat(run("frobnicate")).isEqualTo(2);
    String e = err.toString();
    assertThat(e.strip().lines()).hasSize(1);
    assertThat(e).contains("frobnicate").doesNotContain("at io.", "Exception");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void missingRequiredOption_exits2NamingIt() {
    assertThat(run("fusion", "replay")).isEqualTo(2);
    assertThat(err.toString()).contains("FILE").doesNotContain("\tat ");
  }

  @Test
  void everyLeafSubcommand_hasHelpWithAnExample() {
    String[][] leaves = {
      {"store", "demo"}, {"store", "run"}, {"card", "read"}, {"device", "watch"},
      {"fusion", "replay"}, {"fpe", "ff1"}, {"forecast", "eval"}, {"forecast", "predict"},
      {"replenish", "plan"}, {"audit", "export"}, {"audit", "verify"}
    };
    for (String[] leaf : leaves) {
      out.getBuffer().setLength(0);
      assertThat(run(leaf[0], leaf[1], "--help")).as(String.join(" ", leaf)).isZero();
      assertThat(out.toString()).as(String.join(" ", leaf)).containsPattern("Examples?:");
    }
  }

  @Test
  void badDb_unreachablePostgres_printsOneLineReasonWithoutAClassName(@TempDir Path tmp) {
    int code =
        run(
            "store",
            "demo",
            "--shoppers",
            "0",
            "--exit-when-done",
            "--port",
            "0",
            "--data",
            tmp.toString(),
            "--db",
            "jdbc:postgresql://127.0.0.1:1/store");
    String e = err.toString();
    assertThat(code).as(e).isEqualTo(2);
    assertThat(e.strip().lines()).as(e).hasSize(1);
    assertThat(e)
        .contains("cannot open database jdbc:postgresql://127.0.0.1:1/store")
        .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]+(Exception|Error)")
        .doesNotContain("\tat ");
  }

  @Test
  void badDb_sqliteUnderAFile_printsOneLineReasonWithoutAClassName(@TempDir Path tmp)
      throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    int code =
        run(
            "store",
            "demo",
            "--shoppers",
            "0",
            "--exit-when-done",
            "--port",
            "0",
            "--data",
            tmp.resolve("data").toString(),
            "--db",
            "jdbc:sqlite:" + file.resolve("store.db"));
    String e = err.toString();
    assertThat(code).as(e).isEqualTo(2);
    assertThat(e.strip().lines()).as(e).hasSize(1);
    assertThat(e)
        .contains(file.toString())
        .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]+(Exception|Error)")
        .doesNotContain("\tat ");
  }
}
