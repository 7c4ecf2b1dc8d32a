package io.ambientretail.store.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.cli.AmbientMain;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.AuditTrail;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.engine.PrivacyDesk;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention through sdk-privacy's RetentionJob, and the checkpoint the store signs at shutdown. */
class RetentionAndCheckpointTest {
  @TempDir Path tmp;

  private StoreApp demo(Path data, int shoppers) throws InterruptedException {
    StoreApp app =
        StoreApp.start(
            StoreApp.Options.demo(
                    StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), data, 0, 5)
                .withServe(false));
    app.simulation().run(shoppers);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
    assertThat(app.awaitReviewsDecided(java.time.Duration.ofSeconds(60))).isTrue();
    return app;
  }

  @Test
  void retention_31DaysLater_removesCardDataAndTracks_keepsReceipts_andAuditsEachDeletion()
      throws Exception {
    try (StoreApp app = demo(tmp.resolve("data"), 4)) {
      Database db = app.engine().database();
      long withCards =
          count(
              db,
              "SELECT COUNT(*) FROM sessions WHERE card_token IS NOT NULL"
                  + " AND closed_ms IS NOT NULL");
      assertThat(withCards).isPositive();
      long receipts = count(db, "SELECT COUNT(*) FROM receipts");
      // the demo keeps sessions (and card data) 30 days and receipts 3650: run it a month later
      Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));
      PrivacyDesk desk =
          new PrivacyDesk(
              app.engine(), app.auditSink(), ConsentRegistry.create(later, app.auditSink()), later);

      Map<String, Object> report = desk.applyRetention();

      assertThat(report.get("failures")).isEqualTo(List.of());
      assertThat((Integer) report.get("deleted")).isGreaterThanOrEqualTo((int) withCards);
      assertThat(desk.lastRetention()).isEqualTo(report);
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM sessions WHERE card_token IS NOT NULL"
                      + " AND closed_ms IS NOT NULL"))
          .isZero();
      assertThat(count(db, "SELECT COUNT(*) FROM receipts")).isEqualTo(receipts);
      assertThat(count(db, "SELECT COUNT(*) FROM receipts WHERE shopper_ref = 'erased'")).isZero();
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.delete'"
                      + " AND outcome = 'SUCCESS'"))
          .isEqualTo(((Integer) report.get("deleted")).longValue());
      assertThat(count(db, "SELECT COUNT(*) FROM retention_runs")).isPositive();
      // a second run finds nothing more to do
      assertThat(desk.applyRetention().get("deleted")).isEqualTo(0);
    }
  }

  @Test
  void shutdown_signsACheckpointOfTheWholeLog_thatVerifiesAnExportAndCatchesACutOffTail()
      throws Exception {
    Path data = tmp.resolve("cp");
    String url;
    try (StoreApp app = demo(data, 3)) {
      url = Database.sqliteUrl(data);
    }
    String note;
    String vkey;
    long entries;
    try (Database db = Database.open(url)) {
      AuditTrail trail = new AuditTrail();
      entries = db.read(trail::size);
      AuditCheckpoints cps =
          AuditCheckpoints.open(db, trail, data, "S001-audit", Clock.systemUTC());
      note = cps.latest().orElseThrow().text();
      vkey = cps.verifierKey();
      // everything but the audit of the signing itself
      assertThat(cps.latest().orElseThrow().checkpoint().size()).isEqualTo(entries - 1);
    }
    Path notePath = Files.writeString(tmp.resolve("note"), note, StandardCharsets.UTF_8);
    Path keyPath = Files.writeString(tmp.resolve("vkey"), vkey, StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    assertThat(
            AmbientMain.run(
                new String[] {"audit", "export", "--db", url},
                new PrintWriter(out),
                new PrintWriter(new StringWriter())))
        .isZero();
    List<String> lines = out.toString().lines().toList();
    // the export carries the store's checkpoints (the library's audit_checkpoint), each right
    // after the last entry it covers: the shutdown checkpoint is the last but one line
    List<String> checkpointLines =
        lines.stream().filter(l -> l.startsWith("{\"checkpoint\"")).toList();
    assertThat(lines.size() - checkpointLines.size()).isEqualTo(entries);
    assertThat(checkpointLines).isNotEmpty();
    assertThat(lines.get(lines.size() - 2)).contains(note.replace("\n", "\\n"));
    Path log = Files.write(tmp.resolve("audit.jsonl"), lines, StandardCharsets.UTF_8);
    StringWriter v = new StringWriter();
    assertThat(
            AmbientMain.run(
                new String[] {
                  "audit",
                  "verify",
                  log.toString(),
                  "--checkpoint",
                  notePath.toString(),
                  "--key",
                  keyPath.toString()
                },
                new PrintWriter(v),
                new PrintWriter(new StringWriter())))
        .as(v.toString())
        .isZero();
    assertThat(v.toString())
        .contains(
            "\"checkpoints\":" + checkpointLines.size(),
            "\"checkpointSignaturesVerified\":" + checkpointLines.size());
    // the store keeps its verifier key in the data directory, for `audit verify --key`
    assertThat(Files.readString(data.resolve(AuditCheckpoints.VERIFIER_KEY_FILE)).strip())
        .isEqualTo(vkey);
    Path cut =
        Files.write(
            tmp.resolve("cut.jsonl"), lines.subList(0, lines.size() - 3), StandardCharsets.UTF_8);
    StringWriter bad = new StringWriter();
    assertThat(
            AmbientMain.run(
                new String[] {
                  "audit",
                  "verify",
                  cut.toString(),
                  "--checkpoint",
                  notePath.toString(),
                  "--key",
                  keyPath.toString()
                },
                new PrintWriter(bad),
                new PrintWriter(new StringWriter())))
        .isEqualTo(1);
    assertThat(bad.toString()).contains("cut off");
  }

  private static long count(Database db, String sql) {
    return db.read(
        c -> {
          try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
          }
        });
  }
}
