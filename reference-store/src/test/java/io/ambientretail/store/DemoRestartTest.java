package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ambient store demo} restarted on its own data directory, as a new user does: the first run
 * (a child JVM with its own simulated acquirer) is stopped as Ctrl-C stops it, or killed, while
 * shoppers are inside; the help's example then runs on the same data and must end clean, with one
 * receipt per shopper of its own and no stock mismatch. Both runs are child JVMs, as a user's two
 * commands are two processes.
 */
class DemoRestartTest {
  @TempDir Path tmp;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void stoppedLikeCtrlC_thenTheHelpExampleOnTheSameData_exitsCleanWith20Receipts()
      throws Exception {
    Path data = tmp.resolve("data");
    String log = runUntilBusyThen(data, false);
    assertThat(log)
        .contains("ambient: stopped; the next start on " + data)
        .doesNotContain("database connection closed")
        .doesNotContain("Exception");
    assertHelpExampleRunsClean(data);
  }

  @Test
  void killedMidRun_thenTheHelpExampleOnTheSameData_recoversFirstAndExitsClean() throws Exception {
    Path data = tmp.resolve("data");
    runUntilBusyThen(data, true);
    String err = assertHelpExampleRunsClean(data);
    assertThat(err).contains("sessions left open by the last run");
  }

  /**
   * Runs {@code ambient store demo --shoppers 20 --seed 7 --exit-when-done} on {@code data} in a
   * new JVM, as a user's second command is a new process.
   */
  private String assertHelpExampleRunsClean(Path data) throws Exception {
    Path outFile = tmp.resolve("second-run.out");
    Path errFile = tmp.resolve("second-run.err");
    ProcessBuilder pb =
        demo(data, "--shoppers", "20", "--seed", "7", "--exit-when-done", "--port", "0");
    pb.redirectOutput(outFile.toFile());
    pb.redirectError(errFile.toFile());
    Process p = pb.start();
    boolean ended;
    try {
      ended = p.waitFor(300, TimeUnit.SECONDS);
    } finally {
      p.destroyForcibly();
    }
    String out = read(outFile);
    String err = read(errFile);
    assertThat(ended).as("the second run ended within 300 s\n" + err).isTrue();
    int code = p.exitValue();
    List<String> lines = out.strip().lines().toList();
    assertThat(lines).as(err).isNotEmpty();
    JsonNode s = json.readTree(lines.get(lines.size() - 1)).path("summary");
    assertThat(s.path("shoppers").asInt()).isEqualTo(20);
    assertThat(s.path("receipts").asInt()).as(out).isEqualTo(20);
    assertThat(s.path("doubleCaptures").asInt()).isZero();
    assertThat(err).doesNotContain("capture refused");
    // A receipt cart fusion got wrong without review (about one demo in two has one of its 20)
    // leaves up to two lanes off: the lane it charged and the lane the shopper took from. That is
    // fusion's accuracy, not the restart's; what the restart broke (holds forgotten, the earlier
    // run's sales booked after the shelves were counted) showed as 8 to 15 lanes off.
    int wrong = s.path("receipts").asInt() - s.path("exactReceipts").asInt();
    int mismatches = s.path("stockMismatches").asInt();
    assertThat(mismatches).as(out + "\n" + err).isLessThanOrEqualTo(2 * wrong);
    assertThat(code).as(out + "\n" + err).isEqualTo(mismatches == 0 ? 0 : 1);
    return err;
  }

  /**
   * Starts a demo that runs until stopped, waits until it has issued receipts and has shoppers
   * inside, then stops it with SIGTERM (what Ctrl-C does to the JVM: its shutdown hooks run) or
   * SIGKILL, and returns its output.
   */
  private String runUntilBusyThen(Path data, boolean kill) throws Exception {
    Path logFile = tmp.resolve("first-run.log");
    ProcessBuilder pb = demo(data, "--port", "0", "--seed", "11");
    pb.redirectErrorStream(true);
    pb.redirectOutput(logFile.toFile());
    Process p = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (p.isAlive()
          && System.nanoTime() < deadline
          && !(receipts(data) >= 8 && openVisits(data) >= 2)) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      assertThat(p.isAlive()).as(() -> read(logFile)).isTrue();
      assertThat(receipts(data)).as(() -> read(logFile)).isGreaterThanOrEqualTo(8);
    } finally {
      if (kill) {
        p.destroyForcibly();
      } else {
        p.destroy();
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the first run ended").isTrue();
    }
    return read(logFile);
  }

  /** {@code ambient store demo ARGS --data DATA} in a child JVM with this test's class path. */
  private static ProcessBuilder demo(Path data, String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.ambientretail.store.cli.AmbientMain",
            "store",
            "demo"));
    command.addAll(List.of(args));
    command.addAll(List.of("--data", data.toString()));
    return new ProcessBuilder(command);
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static long receipts(Path data) {
    return count(data, "SELECT COUNT(*) FROM receipts");
  }

  private static long openVisits(Path data) {
    return count(data, "SELECT COUNT(*) FROM sessions WHERE state = 'OPEN'");
  }

  private static long count(Path data, String sql) {
    File db = data.resolve("store.db").toFile();
    if (!db.exists()) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet r = c.createStatement().executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      return 0; // not migrated yet, or busy: the next poll sees it
    }
  }
}
