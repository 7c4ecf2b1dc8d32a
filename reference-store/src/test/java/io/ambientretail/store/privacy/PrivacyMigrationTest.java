package io.ambientretail.store.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditLog;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.CheckpointSigner;
import io.ambientretail.privacy.audit.JdbcAuditStore;
import io.ambientretail.privacy.audit.SignedCheckpoint;
import io.ambientretail.store.TestDatabases;
import io.ambientretail.store.cli.AmbientMain;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.pay.ReturningCards;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store database from before V32/V33 (its own {@code consents} and {@code audit_checkpoints}
 * tables) migrates into sdk-privacy's tables: each consent becomes a record of the store's one
 * consent registry, which recognises the same card afterwards; each signed checkpoint moves to
 * {@code audit_checkpoint}, where {@code ambient audit export} finds it and {@code verify --key}
 * checks its signature; the old tables are gone.
 */
class PrivacyMigrationTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void v31Database_consentsAndCheckpoints_moveIntoTheLibrarysTables(String kind) throws Exception {
    String url = TestDatabases.fresh(kind, tmp);
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target("31")
        .loggers("slf4j")
        .load()
        .migrate();
    CheckpointSigner signer = CheckpointSigner.of("S001-audit", CheckpointSigner.generateKeyPair());
    SignedCheckpoint old;
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(tables(c))
          .contains("consents", "audit_checkpoints")
          .doesNotContain("privacy_consent", "audit_checkpoint");
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO consents (card_fingerprint, purpose, granted, at_ms) VALUES"
                + " ('fp_granted00000000', 'returning-card', 1, 1700000000000),"
                + " ('fp_withdrawn000000', 'returning-card', 0, 1700000001000)");
      }
      AuditLog log =
          AuditLog.builder()
              .name("S001/audit")
              .store(JdbcAuditStore.open(c))
              .clock(Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC))
              .build();
      for (int i = 0; i < 3; i++) {
        log.append(
            AuditEvent.builder()
                .actor("store")
                .action("receipt.issued")
                .outcome(AuditOutcome.SUCCESS)
                .origin("store")
                .resource("rc_" + i)
                .detail("")
                .build());
      }
      old = log.signCheckpoint(signer);
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO audit_checkpoints (tree_size,"
                  + " signed_ms, key_name, note) VALUES (?,?,?,?)")) {
        p.setLong(1, old.checkpoint().size());
        p.setLong(2, 1700000002000L);
        p.setString(3, signer.keyName());
        p.setString(4, old.text());
        p.executeUpdate();
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }

    try (Database db = Database.open(url)) {
      assertThat(db.read(PrivacyMigrationTest::tables))
          .contains("privacy_consent", "privacy_dsr_request", "audit_checkpoint")
          .doesNotContain("consents", "audit_checkpoints");
      ConsentRegistry registry =
          ConsentRegistry.create(Clock.systemUTC(), event -> {}, StorePrivacyStore.open(db));
      ReturningCards cards = ReturningCards.create(true, Clock.systemUTC());
      cards.share(
          registry,
          new ConsentAuditSink(db, new io.ambientretail.store.db.AuditTrail(), Clock.systemUTC()));
      assertThat(cards.recognises("fp_granted00000000")).isTrue();
      assertThat(cards.recognises("fp_withdrawn000000")).isFalse();
      assertThat(registry.history(ReturningCards.subjectOf("fp_granted00000000")).get(0).time())
          .isEqualTo(Instant.ofEpochMilli(1700000000000L));
    }

    StringWriter out = new StringWriter();
    assertThat(
            AmbientMain.run(
                new String[] {"audit", "export", "--db", url},
                new PrintWriter(out),
                new PrintWriter(new StringWriter())))
        .isZero();
    assertThat(out.toString().lines().toList())
        .hasSize(4)
        .element(3)
        .asString()
        .contains("\"checkpoint\"");
    Path file = Files.writeString(tmp.resolve("audit.jsonl"), out.toString());
    Path vkey =
        Files.writeString(tmp.resolve("vkey"), signer.verifierKey(), StandardCharsets.US_ASCII);
    StringWriter v = new StringWriter();
    assertThat(
            AmbientMain.run(
                new String[] {"audit", "verify", file.toString(), "--key", vkey.toString()},
                new PrintWriter(v),
                new PrintWriter(new StringWriter())))
        .as(v.toString())
        .isZero();
    assertThat(v.toString()).contains("\"checkpoints\":1", "\"checkpointSignaturesVerified\":1");
  }

  private static java.util.List<String> tables(Connection c) throws java.sql.SQLException {
    java.util.List<String> out = new java.util.ArrayList<>();
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet t = md.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (t.next()) {
        out.add(t.getString("TABLE_NAME"));
      }
    }
    return out;
  }
}
