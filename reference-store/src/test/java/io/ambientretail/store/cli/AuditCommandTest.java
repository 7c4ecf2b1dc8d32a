package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditLog;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.CheckpointSigner;
import io.ambientretail.privacy.audit.JdbcAuditStore;
import io.ambientretail.privacy.audit.Sha256Hash;
import io.ambientretail.privacy.audit.SignedCheckpoint;
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
      AuditLog log =
          AuditLog.builder()
              .name("acme/S001/audit")
              .store(JdbcAuditStore.create(c))
              .clock(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC))
              .build();
      events = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        events.add(
            AuditEvent.builder()
                .actor("op-" + (i % 3))
                .action("receipt.read")
                .outcome(i % 4 == 0 ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS)
                .origin("kiosk-1")
                .resource("receipt/R-" + i)
                .detail("quote \" and \u00e9")
                .build());
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
    assertThat(lines.get(0))
        .startsWith("{\"seq\":0,\"time\":\"2026-11-27T10:00:00Z\"")
        .contains("\"outcome\":\"failure\"", "\"prev\":\"" + "A".repeat(43) + "\"");
    assertThat(err.toString()).contains("exported 25");
    assertThat(verify(lines)).isZero();
    assertThat(out.toString().strip())
        .matches(
            "\\{\"ok\":true,\"entries\":25,\"head\":\"[0-9a-f]{64}\",\"root\":\"[0-9a-f]{64}\","
                + "\"checkpoints\":0,\"checkpointSignaturesVerified\":0}");
    assertThat(out.toString())
        .contains(
            Sha256Hash.parseBase64Url(
                    lines.get(24).replaceAll(".*\"hash\":\"([A-Za-z0-9_-]+)\".*", "$1"))
                .hex());
  }

  @Test
  void export_hashesAreBase64Url_andAVersion1HexExportStillVerifies() throws Exception {
    List<String> lines = export();
    for (String l : lines) {
      assertThat(l).matches(".*\"prev\":\"[A-Za-z0-9_-]{43}\",\"hash\":\"[A-Za-z0-9_-]{43}\"}");
    }
    List<String> v1 = lines.stream().map(AuditCommandTest::toVersion1).toList();
    assertThat(v1.get(0)).contains("\"prev\":\"" + "0".repeat(64) + "\"");
    assertThat(verify(v1)).isZero();
    assertThat(out.toString()).contains("\"ok\":true", "\"entries\":25");
    List<String> mixed = new ArrayList<>(lines.subList(0, 12));
    mixed.addAll(v1.subList(12, 25));
    assertThat(verify(mixed)).isZero();
    v1 = new ArrayList<>(v1);
    v1.set(9, v1.get(9).replace("receipt/R-9", "receipt/R-8"));
    assertThat(verify(v1)).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":9,");
  }

  /** Rewrites an export line's hashes as version 1 wrote them: 64 hex digits. */
  private static String toVersion1(String line) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"(prev|hash)\":\"([A-Za-z0-9_-]{43})\"").matcher(line);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          b, "\"" + m.group(1) + "\":\"" + Sha256Hash.parseBase64Url(m.group(2)).hex() + "\"");
    }
    return m.appendTail(b).toString();
  }

  /** A second store whose log has checkpoints published after 10 and 25 entries. */
  private List<String> exportWithCheckpoints(List<AuditEvent> logged, CheckpointSigner signer)
      throws Exception {
    String cpUrl = "jdbc:sqlite:" + dir.resolve("cp-" + System.nanoTime() + ".db");
    try (Connection c = DriverManager.getConnection(cpUrl)) {
      JdbcAuditStore store = JdbcAuditStore.create(c);
      AuditLog log =
          AuditLog.builder()
              .name("acme/S001/audit")
              .store(store)
              .clock(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC))
              .build();
      log.appendAll(logged.subList(0, 10));
      log.publishCheckpoint(signer, store);
      log.appendAll(logged.subList(10, 25));
      log.publishCheckpoint(signer, store);
    }
    assertThat(run("audit", "export", "--db", cpUrl)).isZero();
    assertThat(err.toString()).contains("exported 25 audit entries and 2 signed checkpoints");
    return new ArrayList<>(out.toString().lines().toList());
  }

  private String[] keyOnly(KeyPair of) throws Exception {
    Path vkey = dir.resolve("only.vkey");
    Files.writeString(
        vkey, CheckpointSigner.of("S001-audit", of).verifierKey(), StandardCharsets.UTF_8);
    return new String[] {"--key", vkey.toString()};
  }

  @Test
  void export_withPublishedCheckpoints_placesEachAfterItsLastEntry_andVerifyChecksThem()
      throws Exception {
    List<String> lines = exportWithCheckpoints(events, CheckpointSigner.of("S001-audit", keys));
    assertThat(lines).hasSize(27);
    assertThat(lines.get(10)).startsWith("{\"checkpoint\":\"acme/S001/audit\\n10\\n");
    assertThat(lines.get(26)).startsWith("{\"checkpoint\":\"acme/S001/audit\\n25\\n");
    assertThat(verifyWith(lines, keyOnly(keys))).isZero();
    assertThat(out.toString())
        .contains(
            "\"ok\":true",
            "\"entries\":25",
            "\"checkpoints\":2,\"checkpointSignaturesVerified\":2");
    assertThat(err.toString()).doesNotContain("not checked");
    assertThat(verify(lines)).isZero();
    assertThat(out.toString()).contains("\"checkpoints\":2,\"checkpointSignaturesVerified\":0");
    assertThat(err.toString()).contains("2 of 2 signed checkpoints", "not checked", "--key");
  }

  @Test
  void verify_checkpointInFileSignedByAnotherKeyPair_exits1() throws Exception {
    List<String> lines =
        exportWithCheckpoints(
            events, CheckpointSigner.of("S001-audit", CheckpointSigner.generateKeyPair()));
    assertThat(verifyWith(lines, keyOnly(keys))).isEqualTo(1);
    assertThat(out.toString())
        .startsWith("{\"ok\":false,\"firstBadEntry\":10,")
        .contains("line 11", "not validly signed");
  }

  @Test
  void verify_rewrittenLogWithTheOriginalCheckpoints_isFound() throws Exception {
    CheckpointSigner signer = CheckpointSigner.of("S001-audit", keys);
    List<String> honest = exportWithCheckpoints(events, signer);
    List<AuditEvent> changed = new ArrayList<>(events);
    changed.set(3, events.get(4));
    List<String> forged =
        exportWithCheckpoints(
            changed, CheckpointSigner.of("S001-audit", CheckpointSigner.generateKeyPair()));
    forged.set(10, honest.get(10));
    forged.set(26, honest.get(26));
    assertThat(verify(forged)).isEqualTo(1);
    assertThat(out.toString())
        .startsWith("{\"ok\":false,\"firstBadEntry\":10,")
        .contains("does not match the entries before it");
  }

  @Test
  void verify_tailCutOffButCheckpointKept_isFound() throws Exception {
    List<String> lines = exportWithCheckpoints(events, CheckpointSigner.of("S001-audit", keys));
    List<String> cut = new ArrayList<>(lines.subList(0, 21));
    cut.add(lines.get(26));
    assertThat(verifyWith(cut, keyOnly(keys))).isEqualTo(1);
    assertThat(out.toString())
        .startsWith("{\"ok\":false,\"firstBadEntry\":20,")
        .contains("cut off");
  }

  @Test
  void verify_checkpointLineMoved_isFound() throws Exception {
    List<String> lines = exportWithCheckpoints(events, CheckpointSigner.of("S001-audit", keys));
    Collections.swap(lines, 10, 11);
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).contains("\"ok\":false", "moved");
    lines = exportWithCheckpoints(events, CheckpointSigner.of("S001-audit", keys));
    Collections.swap(lines, 25, 26);
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).contains("\"ok\":false", "moved");
  }

  @Test
  void exportThenVerify_fromPostgres_ok() throws Exception {
    String pg = io.ambientretail.store.TestDatabases.freshPostgres();
    CheckpointSigner signer = CheckpointSigner.of("S001-audit", keys);
    try (Connection c = DriverManager.getConnection(pg)) {
      JdbcAuditStore store = JdbcAuditStore.create(c);
      AuditLog log =
          AuditLog.builder()
              .name("acme/S001/audit")
              .store(store)
              .clock(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC))
              .build();
      log.appendAll(events);
      log.publishCheckpoint(signer, store);
    }
    assertThat(run("audit", "export", "--db", pg)).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(26);
    assertThat(verifyWith(lines, keyOnly(keys))).isZero();
    assertThat(out.toString()).contains("\"entries\":25", "\"checkpointSignaturesVerified\":1");
  }

  @Test
  void verify_changedEntry_namesItAndExits1() throws Exception {
    List<String> lines = export();
    lines.set(7, lines.get(7).replace("receipt/R-7", "receipt/R-8"));
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":7,").contains("changed");
  }

  @Test
  void verify_removedEntry_namesItAndExits1() throws Exception {
    List<String> lines = export();
    lines.remove(12);
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString())
        .startsWith("{\"ok\":false,\"firstBadEntry\":12,")
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
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":5,").contains("line 6");
    lines = export();
    lines.set(2, lines.get(2).replace("\"seq\":2,", "\"seq\":2,\"extra\":1,"));
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).contains("unknown field 'extra'");
  }

  @Test
  void verify_aFileThatIsNotAnExport_exits2WithOneLineReason() throws Exception {
    for (List<String> notAnExport :
        List.of(
            List.of("date,sku,qty", "2026-11-01,4012345670004,3"),
            List.of("{", "  \"store\": \"S001\"", "}"),
            List.of("{\"store\":\"S001\"}"))) {
      out = new StringWriter();
      err = new StringWriter();
      assertThat(verify(notAnExport)).as(err.toString()).isEqualTo(2);
      assertThat(err.toString().strip().lines()).hasSize(1);
      assertThat(err.toString()).contains("is not an audit export", "line 1");
      assertThat(out.toString()).doesNotContain("\"ok\":false");
    }
    Path binary = dir.resolve("audit.jsonl");
    Files.write(binary, new byte[] {(byte) 0x1f, (byte) 0x8b, (byte) 0xff, (byte) 0xfe, 10});
    err = new StringWriter();
    assertThat(run("audit", "verify", binary.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not an audit export", "not UTF-8");
  }

  @Test
  void verify_firstEntryDamaged_isStillTampering_exits1() throws Exception {
    List<String> lines = export();
    lines.set(0, lines.get(0).substring(0, 30));
    assertThat(verify(lines)).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"ok\":false,\"firstBadEntry\":0,");
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
    Files.writeString(
        vkey, CheckpointSigner.of("S001-audit", signedBy).verifierKey(), StandardCharsets.UTF_8);
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
    assertThat(out.toString())
        .contains("\"ok\":true", "\"entries\":25", checkpoint.checkpoint().root().hex());
  }

  @Test
  void verify_withSignedCheckpoint_cutOffTail_isFound() throws Exception {
    List<String> lines = export().subList(0, 20);
    assertThat(verify(lines)).as("the chain alone cannot tell").isZero();
    assertThat(verifyWith(lines, withCheckpoint(keys))).isEqualTo(1);
    assertThat(out.toString())
        .startsWith("{\"ok\":false,\"firstBadEntry\":20,")
        .contains("cut off");
  }

  @Test
  void verify_withSignedCheckpoint_rewrittenLog_isFound() throws Exception {
    Path forged = dir.resolve("forged.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + forged)) {
      AuditLog log =
          AuditLog.builder()
              .name("acme/S001/audit")
              .store(JdbcAuditStore.create(c))
              .clock(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC))
              .build();
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
