package io.ambientretail.privacy.audit;

import static io.ambientretail.privacy.audit.AuditFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.PrivacyException;
import io.ambientretail.privacy.TestDatabases;
import io.ambientretail.testing.ManualClock;
import io.ambientretail.testing.PanLeakScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the JDBC store against real SQLite and PostgreSQL databases. */
class JdbcAuditStoreTest {
  /** The first version's DDL: hashes as CHAR(64) hex. */
  private static final String DDL_V1 = JdbcAuditStore.DDL.replace("VARCHAR(64)", "CHAR(64)");

  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T10:00:00Z"));

  private String url(String kind) {
    return TestDatabases.fresh(kind, dir);
  }

  @Test
  void ddlResources_areTheDdlConstants() throws Exception {
    assertThat(resource("audit_log.sql")).isEqualTo(JdbcAuditStore.DDL);
    assertThat(resource("audit_checkpoint.sql")).isEqualTo(JdbcAuditStore.CHECKPOINT_DDL);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = JdbcAuditStore.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void appendAndReopen_sameEntriesAndCheckpoint(String kind) throws Exception {
    String url = url(kind);
    Checkpoint before;
    List<AuditEntry> written;
    try (Connection c = TestDatabases.connect(url)) {
      AuditLog log =
          AuditLog.builder()
              .name("acme/S001/audit")
              .store(JdbcAuditStore.create(c))
              .clock(clock)
              .build();
      written = log.appendAll(events(0, 2500));
      log.append(AuditFixtures.event(2500));
      before = log.checkpoint();
    }
    try (Connection c = TestDatabases.connect(url)) {
      JdbcAuditStore store = JdbcAuditStore.open(c);
      assertThat(store.size()).isEqualTo(2501);
      assertThat(store.read(0, 2500)).isEqualTo(written);
      AuditLog log = AuditLog.builder().name("acme/S001/audit").store(store).clock(clock).build();
      assertThat(log.checkpoint()).isEqualTo(before);
      assertThat(AuditVerifier.verify(store.read(0, 10_000)).ok()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void create_twice_keepsTheLog(String kind) throws Exception {
    String url = url(kind);
    try (Connection c = TestDatabases.connect(url)) {
      AuditLog.builder()
          .name("l")
          .store(JdbcAuditStore.create(c))
          .clock(clock)
          .build()
          .appendAll(events(0, 3));
      assertThat(JdbcAuditStore.create(c).size()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void append_duplicateSequence_keepsNothingOfTheBatch(String kind) throws Exception {
    try (Connection c = TestDatabases.connect(url(kind))) {
      JdbcAuditStore store = JdbcAuditStore.create(c);
      AuditLog log = AuditLog.builder().name("l").store(store).clock(clock).build();
      List<AuditEntry> first = log.appendAll(events(0, 3));
      List<AuditEntry> clash =
          List.of(
              AuditEntry.of(
                  3,
                  first.get(0).time(),
                  first.get(0).event(),
                  first.get(2).hash(),
                  first.get(0).hash()),
              first.get(1));
      assertThatThrownBy(() -> store.append(clash))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("sequence 3");
      assertThat(store.size()).isEqualTo(3);
      log.append(AuditFixtures.event(3));
      assertThat(store.size()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void open_databaseWithoutTable_failsClearly(String kind) throws Exception {
    try (Connection c = TestDatabases.connect(url(kind))) {
      assertThatThrownBy(() -> JdbcAuditStore.open(c))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("audit_log");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void read_tamperedRow_isReportedByTheVerifier(String kind) throws Exception {
    try (Connection c = TestDatabases.connect(url(kind))) {
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

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void hashes_storedAsBase64Url_soADumpHasNoLuhnValidRun(String kind) throws Exception {
    // Find a log whose newest hash, written as hex, would look like a card number.
    InMemoryAuditStore memory = new InMemoryAuditStore();
    AuditLog log = AuditLog.builder().name("l").store(memory).clock(clock).build();
    AuditEntry suspicious = null;
    for (int i = 0; i < 20_000 && suspicious == null; i++) {
      AuditEntry e = log.append(AuditFixtures.event(i));
      if (!PanLeakScanner.strict()
          .scan(e.hash().hex().getBytes(StandardCharsets.US_ASCII), "hex")
          .isEmpty()) {
        suspicious = e;
      }
    }
    assertThat(suspicious).as("a hash whose hex holds a Luhn-valid run").isNotNull();
    String url = url(kind);
    try (Connection c = TestDatabases.connect(url)) {
      JdbcAuditStore store = JdbcAuditStore.create(c);
      store.append(memory.read(0, Integer.MAX_VALUE));
      String dump = dump(c, "audit_log");
      assertThat(dump)
          .contains(suspicious.hash().base64Url())
          .doesNotContain(suspicious.hash().hex());
      assertThat(PanLeakScanner.strict().scan(dump.getBytes(StandardCharsets.UTF_8), "dump"))
          .isEmpty();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT entry_hash FROM audit_log WHERE seq = " + suspicious.sequence())) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).hasSize(Sha256Hash.BASE64URL_LENGTH);
      }
      c.rollback();
    }
    if (kind.equals(TestDatabases.SQLITE)) {
      assertThat(PanLeakScanner.strict().scan(dir)).isEmpty();
    }
  }

  /** Every row of {@code table} as text, the way a dump tool prints it. */
  private static String dump(Connection c, String table) throws Exception {
    StringBuilder b = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        for (int i = 1; i <= md.getColumnCount(); i++) {
          b.append(rs.getString(i)).append('\t');
        }
        b.append('\n');
      }
    }
    c.rollback();
    return b.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void read_rowsWrittenByVersion1InHex_stillReadAndVerify(String kind) throws Exception {
    String url = url(kind);
    InMemoryAuditStore memory = new InMemoryAuditStore();
    List<AuditEntry> old =
        AuditLog.builder().name("l").store(memory).clock(clock).build().appendAll(events(0, 5));
    try (Connection c = TestDatabases.connect(url)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(DDL_V1);
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO audit_log VALUES" + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (AuditEntry e : old) {
          ps.setLong(1, e.sequence());
          ps.setLong(2, e.timeMicros());
          ps.setString(3, e.event().actor());
          ps.setString(4, e.event().action());
          ps.setString(5, e.event().outcome().name());
          ps.setString(6, e.event().origin());
          ps.setString(7, e.event().resource());
          ps.setString(8, e.event().detail());
          ps.setString(9, e.previousHash().hex());
          ps.setString(10, e.hash().hex());
          ps.executeUpdate();
        }
      }
      c.commit();
    }
    List<AuditEntry> all = new ArrayList<>(old);
    try (Connection c = TestDatabases.connect(url)) {
      JdbcAuditStore store = JdbcAuditStore.create(c);
      AuditLog log = AuditLog.builder().name("l").store(store).clock(clock).build();
      assertThat(log.size()).isEqualTo(5);
      all.addAll(log.appendAll(events(5, 5)));
    }
    try (Connection c = TestDatabases.connect(url)) {
      JdbcAuditStore store = JdbcAuditStore.open(c);
      assertThat(store.read(0, 100)).isEqualTo(all);
      assertThat(AuditVerifier.verify(store.read(0, 100)).ok()).isTrue();
      assertThat(AuditLog.builder().name("l").store(store).clock(clock).build().size())
          .isEqualTo(10);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void publishCheckpoint_keptAcrossReopen_andRetryIsANoOp(String kind) throws Exception {
    String url = url(kind);
    CheckpointSigner signer = CheckpointSigner.of("S001-audit", CheckpointSigner.generateKeyPair());
    SignedCheckpoint first;
    SignedCheckpoint second;
    try (Connection c = TestDatabases.connect(url)) {
      JdbcAuditStore store = JdbcAuditStore.create(c);
      AuditLog log = AuditLog.builder().name("acme/S001/audit").store(store).clock(clock).build();
      log.appendAll(events(0, 10));
      first = log.publishCheckpoint(signer, store);
      log.appendAll(events(10, 5));
      second = log.publishCheckpoint(signer, store);
      assertThat(log.publishCheckpoint(signer, store).text()).isEqualTo(second.text());
    }
    try (Connection c = TestDatabases.connect(url)) {
      JdbcAuditStore store = JdbcAuditStore.open(c);
      List<SignedCheckpoint> kept = store.checkpoints();
      assertThat(kept)
          .extracting(SignedCheckpoint::text)
          .containsExactly(first.text(), second.text());
      CheckpointVerifier verifier =
          CheckpointVerifier.fromVerifierKey(signer.verifierKey(), "acme/S001/audit");
      assertThat(verifier.verify(kept.get(1)).size()).isEqualTo(15);
      AuditLog log = AuditLog.builder().name("acme/S001/audit").store(store).clock(clock).build();
      assertThat(log.root(10)).isEqualTo(kept.get(0).checkpoint().root());
      SignedCheckpoint fork =
          signer.sign(Checkpoint.of("acme/S001/audit", 15, first.checkpoint().root()));
      assertThatThrownBy(() -> store.saveCheckpoint(fork))
          .isInstanceOf(PrivacyException.class)
          .hasMessageContaining("forked");
      assertThat(store.checkpoints()).hasSize(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void open_version1DatabaseWithoutCheckpointTable_hasNoCheckpointsAndRefusesToStoreOne(String kind)
      throws Exception {
    String url = url(kind);
    try (Connection c = TestDatabases.connect(url);
        Statement s = c.createStatement()) {
      s.execute(DDL_V1);
    }
    try (Connection c = TestDatabases.connect(url)) {
      JdbcAuditStore store = JdbcAuditStore.open(c);
      assertThat(store.checkpoints()).isEmpty();
      AuditLog log = AuditLog.builder().name("l").store(store).clock(clock).build();
      log.appendAll(events(0, 2));
      CheckpointSigner signer = CheckpointSigner.of("k", CheckpointSigner.generateKeyPair());
      assertThatThrownBy(() -> log.publishCheckpoint(signer, store))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("audit_checkpoint");
      assertThat(store.size()).isEqualTo(2);
    }
  }
}
