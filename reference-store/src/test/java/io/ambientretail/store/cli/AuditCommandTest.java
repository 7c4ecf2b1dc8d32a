package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditLog;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.CheckpointSigner;
import io.ambientretail.privacy.audit.SignedCheckpoint;
import io.ambientretail.privacy.audit.JdbcAuditStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code ambient audit export} and {@code verify} against a real SQLite database. */
class AuditCommandTest {
  @TempDir Path dir;
  private StringWriter out;
  private StringWriter err;
  private String url;
  private final KeyPair keys = CheckpointSigner.generateKeyPair();
  private SignedCheckpoint checkpoint;
  private List<AuditEvent> events;

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @BeforeEach
  void storeWithAuditTrail() throws Exception {
    url = "jdbc:sqlite:" + dir.resolve("store.db");
    try (Connection c = DriverManager.getConnection(url)) {
      AuditLog log = AuditLog.builder().name("acme/S001/audit").store(JdbcAuditStore.create(c))
          .clock(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC)).build();
      events = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        events.add(AuditEvent.builder().actor("op-" + (i % 3)).action("receipt.read")
            .outcome(i % 4 == 0 ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS)
            .origin("kiosk-1").resource("receipt/R-" + i).detail("quote \" and \u00e9").build());
      }
      log.appendAll(events.subList(0, 10));
      log.appendAll(events.subList(10, 25));
      checkpoint = log.signCheckpoint(CheckpointSigner.of("S001-audit", keys));
    }
  }

  private List<String> export() {
    assertThat(run("audit", "export", "--db", url)).isZero();
    return new ArrayList<>(out.toString().lines().toList());
  }

  private int verify(List<String> lines) throws Exception {
    Path f = dir.resolve("audit.jsonl");
    Files.write(f, lines, StandardCharsets.UTF_8);
    return run("audit", "verify", f.toString());
  }

  @Test
  void exportThenVerify_intactLog_ok() throws Exception {
    List<String> lines = export();
    assertThat(lines).hasSize(25);
    assertThat(lines.get(0)).startsWith("{\"seq\":0,\"time\":\"2026-11-27T10:00:00Z\"")
        .contains("\"outcome\":\"failure\"", "\"prev\":\"" + "0".repeat(64) + "\"");
    assertThat(err.toString()).contains("exported 25");
    assertThat(verify(lines)).isZero();
    assertThat(out.toString().strip()).matches(
        "\\{\"ok\":true,\"entries\":25,\"head\":\"[0-9a-f]{64}\",\"root\":\"[0-9a-f]{64}\"}");
    assertThat(out.toString()).contains(lines.get(24).replaceAll(".*\"hash\":\"([0-9a-f]+)\".*",
        "$1"));
  }

  @Test
  void verify_changedEntry_namesItAndExits1() throws Exception {
    List<String> lines = export();
    lines.set(7, lines.get(7).replace("receipt/R-7", "receipt/R-8"));
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":7,")
        .contains("changed");
  }

  @Test
  void verify_removedEntry_namesItAndExits1() throws Exception {
    List<String> lines = export();
    lines.remove(12);
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":12,")
        .contains("missing");
  }

  @Test
  void verify_reorderedEntries_namesTheFirstAndExits1() throws Exception {
    List<String> lines = export();
    Collections.swap(lines, 3, 4);
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":3,");
  }

  @Test
  void verify_malformedLine_namesLineAndExits1() throws Exception {
    List<String> lines = export();
    lines.set(5, lines.get(5).substring(0, 40));
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":5,")
        .contains("line 6");
    lines = export();
    lines.set(2, lines.get(2).replace("\"seq\":2,", "\"seq\":2,\"extra\":1,"));
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).contains("unknown field 'extra'");
  }

  @Test
  void verify_overlongLine_isRefusedWithoutReadingItAll() throws Exception {
    List<String> lines = export();
    lines.set(1, "{\"seq\":1,\"detail\":\"" + "x".repeat(1_000_000) + "\"}");
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).contains("firstBadEntry\":1", "longer than");
  }

  private String[] withCheckpoint(KeyPair signedBy) throws Exception {
    Path note = dir.resolve("witness.note");
    Files.writeString(note, checkpoint.text(), StandardCharsets.UTF_8);
    Path vkey = dir.resolve("S001.vkey");
    Files.writeString(vkey, CheckpointSigner.of("S001-audit", signedBy).verifierKey(),
        StandardCharsets.UTF_8);
    return new String[] {"--checkpoint", note.toString(), "--key", vkey.toString()};
  }

  private int verifyWith(List<String> lines, String... extra) throws Exception {
    Path f = dir.resolve("audit.jsonl");
    Files.write(f, lines, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("audit", "verify", f.toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(new String[0]));
  }

  @Test
  void verify_withSignedCheckpoint_intactLog_ok() throws Exception {
    List<String> lines = export();
    assertThat(verifyWith(lines, withCheckpoint(keys))).isZero();
    assertThat(out.toString()).contains("\"ok\":true", "\"entries\":25",
        checkpoint.checkpoint().root().hex());
  }

  @Test
  void verify_withSignedCheckpoint_cutOffTail_isFound() throws Exception {
    List<String> lines = export().subList(0, 20);
    assertThat(verify(lines)).as("the chain alone cannot tell").isZero();
    assertThat(verifyWith(lines, withCheckpoint(keys))).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":20,")
        .contains("cut off");
  }

  @Test
  void verify_withSignedCheckpoint_rewrittenLog_isFound() throws Exception {
    Path forged = dir.resolve("forged.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + forged)) {
      AuditLog log = AuditLog.builder().name("acme/S001/audit").store(JdbcAuditStore.create(c))
          .clock(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC)).build();
      List<AuditEvent> changed = new ArrayList<>(events);
      changed.set(3, events.get(4));
      log.appendAll(changed);
    }
    assertThat(run("audit", "export", "--db", "jdbc:sqlite:" + forged)).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(verify(lines)).as("a consistent forged chain").isZero();
    assertThat(verifyWith(lines, withCheckpoint(keys))).isEqualTo(1);
    assertThat(out.toString()).contains("\"ok\":false", "rewritten");
  }

  @Test
  void verify_checkpointFromAnotherKey_exits2() throws Exception {
    assertThat(verifyWith(export(), withCheckpoint(CheckpointSigner.generateKeyPair())))
        .isEqualTo(2);
    assertThat(err.toString()).contains("not trusted");
  }

  @Test
  void verify_missingFile_exits2() {
    assertThat(run("audit", "verify", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nope.jsonl").doesNotContain("\tat ");
  }

  @Test
  void export_databaseWithoutAuditTable_exits2() {
    assertThat(run("audit", "export", "--db", "jdbc:sqlite:" + dir.resolve("empty.db")))
        .isEqualTo(2);
    assertThat(err.toString()).contains("audit_log");
  }

  @Test
  void export_noDefaultDatabase_exits2NamingIt() {
    assumeFalse(Files.exists(AuditCommand.DEFAULT_DB), "a ./data/store.db exists here");
    assertThat(run("audit", "export")).isEqualTo(2);
    assertThat(err.toString()).contains("data").contains("--db");
  }
}
