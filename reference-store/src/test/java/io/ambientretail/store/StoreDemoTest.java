package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.cli.AmbientMain;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.Database;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ambient store demo} end to end through AmbientMain, checked against the database. */
class StoreDemoTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final ObjectMapper json = new ObjectMapper();

  private int run(String... args) {
    return AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private JsonNode summary() throws Exception {
    List<String> lines = out.toString().strip().lines().toList();
    assertThat(lines).isNotEmpty();
    JsonNode n = json.readTree(lines.get(lines.size() - 1));
    assertThat(n.has("summary")).as(out.toString()).isTrue();
    return n.get("summary");
  }

  @Test
  void walkoutDemo_exitWhenDone_summaryMatchesTheRecordsAndTheAcquirer() throws Exception {
    Path data = tmp.resolve("walkout");
    // an issuer that declines about a quarter of entries: the summary must still agree with the
    // store's records and the acquirer's books, declines counted from those records
    try (SimulatedAcquirer acquirer =
        SimulatedAcquirer.builder().declineRate(0.25).seed(3).start()) {
      int code =
          run(
              "store",
              "demo",
              "--shoppers",
              "12",
              "--seed",
              "3",
              "--exit-when-done",
              "--port",
              "0",
              "--data",
              data.toString(),
              "--gateway",
              acquirer.uri().toString());
      assertThat(code).as(err.toString()).isZero();
      assertThat(err.toString())
          .contains("dashboard http://127.0.0.1:")
          .contains("12/12 done")
          .doesNotContain("Exception");
      JsonNode s = summary();
      assertThat(s.path("shoppers").asInt()).isEqualTo(12);
      assertThat(s.path("exactReceipts").asInt()).isBetween(0, s.path("receipts").asInt());
      assertThat(s.path("doubleCaptures").asInt()).isZero();
      assertThat(s.path("stockMismatches").asInt()).isZero();
      assertThat(s.path("panLeaks").asInt()).isZero();
      assertThat(s.path("captured").path("currency").asText()).isEqualTo("EUR");
      long receipts;
      long receiptTotal;
      long declined;
      try (Database db = Database.open(Database.sqliteUrl(data))) {
        receipts = one(db, "SELECT COUNT(*) FROM receipts");
        receiptTotal = one(db, "SELECT COALESCE(SUM(total_minor), 0) FROM receipts");
        declined =
            one(
                db,
                "SELECT COUNT(*) FROM sessions WHERE kind = 'walkout'" + " AND state = 'DECLINED'");
      }
      assertThat(receipts).isEqualTo(s.path("receipts").asLong()).isBetween(1L, 12 - declined);
      // the acquirer's own books: every admitted shopper was held at entry through the SDK
      // gateway (a declined one was not), each receipt is one capture (plus a charge only where
      // an increment was refused), and the money it settled is exactly what the receipts say and
      // the summary reports
      assertThat(acquirer.performed(AcquirerOperation.AUTHORISE)).isEqualTo(12 - (int) declined);
      assertThat(acquirer.received(AcquirerOperation.AUTHORISE)).isGreaterThanOrEqualTo(12);
      assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isEqualTo((int) receipts);
      assertThat(acquirer.netMinor("EUR"))
          .isEqualTo(receiptTotal)
          .isEqualTo(s.path("captured").path("minor").asLong())
          .isPositive();
      // the shoppers' hold was released where nothing was taken
      assertThat(acquirer.performed(AcquirerOperation.RELEASE))
          .isEqualTo(12 - (int) declined - (int) receipts);
      // the store kept only tokens: the SDK journal exists and holds no card number
      assertThat(data.resolve("payments.journal")).exists();
    }
  }

  private static long one(Database db, String sql) {
    return db.read(
        c -> {
          try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  @Test
  void walkoutDemo_onPostgresql_paysThroughTheSdkAndIsClean() throws Exception {
    String url = TestDatabases.freshPostgres();
    Path data = tmp.resolve("pg");
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      int code =
          run(
              "store",
              "demo",
              "--shoppers",
              "6",
              "--seed",
              "4",
              "--exit-when-done",
              "--port",
              "0",
              "--data",
              data.toString(),
              "--db",
              url,
              "--gateway",
              acquirer.uri().toString());
      assertThat(code).as(err.toString()).isZero();
      JsonNode s = summary();
      assertThat(s.path("receipts").asInt()).isPositive();
      assertThat(s.path("doubleCaptures").asInt()).isZero();
      long receiptTotal;
      try (Database db = Database.open(url)) {
        receiptTotal = one(db, "SELECT COALESCE(SUM(total_minor), 0) FROM receipts");
      }
      assertThat(acquirer.netMinor("EUR"))
          .isEqualTo(receiptTotal)
          .isEqualTo(s.path("captured").path("minor").asLong());
    }
  }

  @Test
  void micromarketDemo_exitWhenDone_isClean() throws Exception {
    Path data = tmp.resolve("mm");
    int code =
        run(
            "store",
            "demo",
            "--kind",
            "micromarket",
            "--shoppers",
            "10",
            "--seed",
            "5",
            "--exit-when-done",
            "--port",
            "0",
            "--data",
            data.toString());
    assertThat(code).as(err.toString()).isZero();
    JsonNode s = summary();
    assertThat(s.path("shoppers").asInt()).isEqualTo(10);
    assertThat(s.path("receipts").asInt()).isPositive();
    assertThat(s.path("stockMismatches").asInt()).isZero();
    assertThat(s.path("panLeaks").asInt()).isZero();
  }

  @Test
  void secondRun_onSameData_summarisesOnlyItsOwnShoppers() throws Exception {
    Path data = tmp.resolve("twice");
    assertThat(
            run(
                "store",
                "demo",
                "--shoppers",
                "4",
                "--exit-when-done",
                "--port",
                "0",
                "--data",
                data.toString()))
        .as(err.toString())
        .isZero();
    out.getBuffer().setLength(0);
    assertThat(
            run(
                "store",
                "demo",
                "--shoppers",
                "3",
                "--seed",
                "9",
                "--exit-when-done",
                "--port",
                "0",
                "--data",
                data.toString()))
        .as(err.toString())
        .isZero();
    assertThat(summary().path("shoppers").asInt()).isEqualTo(3);
  }

  @Test
  void summary_findsACardNumberWrittenIntoTheDataDirectory() throws Exception {
    Path data = tmp.resolve("leak");
    var config = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
    try (StoreApp app =
        StoreApp.start(StoreApp.Options.demo(config, data, 0, 1).withServe(false))) {
      assertThat(app.summary().panLeaks()).isZero();
      // a test card number (Luhn-valid) as a careless log line would write it
      Files.writeString(
          data.resolve("careless.log"), "card=4111 1111 1111 1111\n", StandardCharsets.US_ASCII);
      RunSummary s = app.summary();
      assertThat(s.panLeaks()).isEqualTo(1);
      assertThat(s.clean()).isFalse();
    }
  }

  @Test
  void exitWhenDone_withoutShoppers_isBadUsage() {
    assertThat(run("store", "demo", "--exit-when-done", "--port", "0", "--data", tmp.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--shoppers").doesNotContain("\tat ");
  }

  @Test
  void unknownKind_isBadUsage() {
    assertThat(run("store", "demo", "--kind", "mall", "--data", tmp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("mall");
  }
}
