package io.ambientretail.privacy.audit;

import static io.ambientretail.privacy.audit.AuditFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.testing.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the JDBC store against a real SQLite database file. */
class JdbcAuditStoreTest {
  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T10:00:00Z"));

  private Connection connect() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store.db"));
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
    }
    return c;
  }

  @Test
  void ddlResource_isTheDdlConstant() throws Exception {
    try (InputStream in = JdbcAuditStore.class.getResourceAsStream("audit_log.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JdbcAuditStore.DDL);
    }
  }

  @Test
  void appendAndReopen_sameEntriesAndCheckpoint() throws Exception {
    Checkpoint before;
    List<AuditEntry> written;
    try (Connection c = connect()) {
      AuditLog log = AuditLog.builder().name("acme/S001/audit")
          .store(JdbcAuditStore.create(c)).clock(clock).build();
      written = log.appendAll(events(0, 2500));
      log.append(AuditFixtures.event(2500));
      before = log.checkpoint();
    }
    try (Connection c = connect()) {
      JdbcAuditStore store = JdbcAuditStore.open(c);
      assertThat(store.size()).isEqualTo(2501);
      assertThat(store.read(0, 2500)).isEqualTo(written);
      AuditLog log = AuditLog.builder().name("acme/S001/audit").store(store).clock(clock)
          .build();
      assertThat(log.checkpoint()).isEqualTo(before);
      assertThat(AuditVerifier.verify(store.read(0, 10_000)).ok()).isTrue();
    }
  }

  @Test
  void append_duplicateSequence_keepsNothingOfTheBatch() throws Exception {
    try (Connection c = connect()) {
      JdbcAuditStore store = JdbcAuditStore.create(c);
      AuditLog log = AuditLog.builder().name("l").store(store).clock(clock).build();
      List<AuditEntry> first = log.appendAll(events(0, 3));
      List<AuditEntry> clash = List.of(
          AuditEntry.of(3, first.get(0).time(), first.get(0).event(), first.get(2).hash(),
              first.get(0).hash()),
          first.get(1));
      assertThatThrownBy(() -> store.append(clash)).isInstanceOf(IOException.class)
          .hasMessageContaining("sequence 3");
      assertThat(store.size()).isEqualTo(3);
    }
  }

  @Test
  void open_databaseWithoutTable_failsClearly() throws Exception {
    try (Connection c = connect()) {
      assertThatThrownBy(() -> JdbcAuditStore.open(c)).isInstanceOf(IOException.class)
          .hasMessageContaining("audit_log");
    }
  }

  @Test
  void read_tamperedRow_isReportedByTheVerifier() throws Exception {
    try (Connection c = connect()) {
      JdbcAuditStore store = JdbcAuditStore.create(c);
      AuditLog.builder().name("l").store(store).clock(clock).build().appendAll(events(0, 8));
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE audit_log SET outcome = 'SUCCESS' WHERE seq = 5");
        c.commit();
      }
      AuditVerification v = AuditVerifier.verify(store.read(0, 100));
      assertThat(v.firstBadEntry()).isEqualTo(5);
    }
  }
}
