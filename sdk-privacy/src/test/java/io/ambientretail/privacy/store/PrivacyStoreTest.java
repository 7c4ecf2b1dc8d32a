package io.ambientretail.privacy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.AccessController;
import io.ambientretail.privacy.ConsentNotice;
import io.ambientretail.privacy.ConsentRecord;
import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.Permission;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.Role;
import io.ambientretail.privacy.RolePolicy;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.TestDatabases;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.dsr.DsrKind;
import io.ambientretail.privacy.dsr.DsrOrchestrator;
import io.ambientretail.privacy.dsr.DsrRequest;
import io.ambientretail.privacy.dsr.DsrStatus;
import io.ambientretail.privacy.dsr.InMemoryPersonalDataStore;
import io.ambientretail.privacy.dsr.LegalHolds;
import io.ambientretail.privacy.dsr.PersonalDataStore;
import io.ambientretail.privacy.dsr.PersonalRecord;
import io.ambientretail.privacy.dsr.Regime;
import io.ambientretail.privacy.keys.InMemoryKeyStore;
import io.ambientretail.privacy.keys.SubjectVault;
import io.ambientretail.privacy.keys.UnknownKeyException;
import io.ambientretail.privacy.residency.Region;
import io.ambientretail.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps privacy state in each store, "restarts" (a new connection, new components), and finds
 * everything again: in memory, in SQLite and in PostgreSQL.
 */
class PrivacyStoreTest {
  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T10:00:00Z"));
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final SubjectId alice = SubjectId.of("loyalty:4711");
  private final SubjectId bob = SubjectId.of("loyalty:4712");
  private String kind;
  private String url;
  private InMemoryPrivacyStore memory;
  private Connection open;

  /** Opens the store of the current kind; the previous connection is closed first (a restart). */
  private PrivacyStore reopen() throws Exception {
    if (open != null) {
      open.close();
      open = null;
    }
    if (kind.equals("memory")) {
      return memory;
    }
    open = TestDatabases.connect(url);
    return JdbcPrivacyStore.create(open);
  }

  private PrivacyStore start(String kind) throws Exception {
    this.kind = kind;
    if (kind.equals("memory")) {
      memory = new InMemoryPrivacyStore();
    } else {
      url = TestDatabases.fresh(kind, dir);
    }
    return reopen();
  }

  @AfterEach
  void close() throws Exception {
    if (open != null) {
      open.close();
    }
  }

  private ConsentRegistry consent(PrivacyStore store) throws IOException {
    ConsentRegistry c = ConsentRegistry.create(clock, audit::add, store);
    c.publish(
        ConsentNotice.of(
            "loyalty", 1, Set.of(Purpose.MARKETING, Purpose.LOYALTY), "text", clock.instant()));
    return c;
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void consent_reopened_sameStateAndHistory_andErasureStaysErased(String kind) throws Exception {
    ConsentRegistry before = consent(start(kind));
    before.grant(alice, "loyalty", 1, Set.of(Purpose.MARKETING, Purpose.LOYALTY), "kiosk-3");
    clock.advance(Duration.ofMinutes(1));
    before.withdraw(alice, Purpose.MARKETING, "app");
    before.object(alice, Purpose.ANALYTICS, "web");
    before.grant(bob, "loyalty", 1, Set.of(Purpose.LOYALTY), "app");
    List<ConsentRecord> history = before.history(alice);

    ConsentRegistry after = consent(reopen());
    assertThat(after.consents(alice, Purpose.LOYALTY)).isTrue();
    assertThat(after.consents(alice, Purpose.MARKETING)).isFalse();
    assertThat(after.objected(alice, Purpose.ANALYTICS)).isTrue();
    assertThat(after.consents(bob, Purpose.LOYALTY)).isTrue();
    assertThat(after.history(alice)).hasSize(4).isEqualTo(history);

    assertThat(after.erase(alice)).isEqualTo(4);
    ConsentRegistry erased = consent(reopen());
    assertThat(erased.history(alice)).isEmpty();
    assertThat(erased.consents(alice, Purpose.LOYALTY)).isFalse();
    assertThat(erased.consents(bob, Purpose.LOYALTY)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void roles_reopened_sameAssignments(String kind) throws Exception {
    AccessController before =
        AccessController.create(RolePolicy.defaults(), audit::add, start(kind));
    before.bootstrap("admin-1", Role.ADMIN, "setup");
    before.grant("admin-1", "sup-7", Role.SUPPORT, "console");
    before.grant("admin-1", "sup-7", Role.AUDITOR, "console");
    before.revoke("admin-1", "sup-7", Role.AUDITOR, "console");
    before.grant("admin-1", "aud-2", Role.AUDITOR, "console");

    AccessController after = AccessController.create(RolePolicy.defaults(), audit::add, reopen());
    assertThat(after.roles("admin-1")).containsExactly(Role.ADMIN);
    assertThat(after.roles("sup-7")).containsExactly(Role.SUPPORT);
    assertThat(after.roles("aud-2")).containsExactly(Role.AUDITOR);
    assertThat(after.check("sup-7", Permission.PERSONAL_DATA_READ, "receipt/R-1", "t")).isTrue();
    after.revoke("admin-1", "aud-2", Role.AUDITOR, "console");
    assertThat(AccessController.create(RolePolicy.defaults(), audit::add, reopen()).roles("aud-2"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void legalHolds_reopened_stillHold(String kind) throws Exception {
    LegalHolds before = LegalHolds.create(audit::add, start(kind));
    before.place(alice, "case 2026-17", "legal-1");
    before.place(bob, "case 2026-18", "legal-1");
    before.place(alice, "case 2026-19", "legal-1");
    before.release(bob, "legal-1");

    LegalHolds after = LegalHolds.create(audit::add, reopen());
    assertThat(after.all()).isEqualTo(Map.of(alice, "case 2026-19"));
    assertThat(after.reason(bob)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void subjectKeys_reopened_decryptAndShredStaysShredded(String kind) throws Exception {
    SecureRandom random = new SecureRandom();
    InMemoryKeyStore keks = InMemoryKeyStore.create(random);
    keks.rotate("S001");
    byte[] aad = "receipt/R-1".getBytes(StandardCharsets.UTF_8);
    SubjectVault before = SubjectVault.create(keks, "S001", random, start(kind));
    byte[] ct = before.encrypt(alice, "alice@example.com".getBytes(StandardCharsets.UTF_8), aad);
    byte[] bobs = before.encrypt(bob, "bob".getBytes(StandardCharsets.UTF_8), aad);

    SubjectVault after = SubjectVault.create(keks, "S001", random, reopen());
    assertThat(new String(after.decrypt(alice, ct, aad), StandardCharsets.UTF_8))
        .isEqualTo("alice@example.com");
    byte[] more = after.encrypt(alice, "second".getBytes(StandardCharsets.UTF_8), aad);
    assertThat(after.shred(alice)).isTrue();

    SubjectVault shredded = SubjectVault.create(keks, "S001", random, reopen());
    assertThatThrownBy(() -> shredded.decrypt(alice, ct, aad))
        .isInstanceOf(UnknownKeyException.class);
    assertThatThrownBy(() -> shredded.decrypt(alice, more, aad))
        .isInstanceOf(UnknownKeyException.class);
    assertThat(new String(shredded.decrypt(bob, bobs, aad), StandardCharsets.UTF_8))
        .isEqualTo("bob");
  }

  /** A data store that counts calls and can be taken down. */
  private static final class CountingStore implements PersonalDataStore {
    final InMemoryPersonalDataStore inner;
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger calls = new AtomicInteger();

    CountingStore(String name) {
      inner = InMemoryPersonalDataStore.create(name);
    }

    private void call() throws IOException {
      calls.incrementAndGet();
      if (down.get()) {
        throw new IOException(inner.name() + " is down");
      }
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public List<PersonalRecord> find(SubjectId subject) throws IOException {
      call();
      return inner.find(subject);
    }

    @Override
    public int delete(SubjectId subject) throws IOException {
      call();
      return inner.delete(subject);
    }

    @Override
    public void rectify(SubjectId s, String id, String f, String v) throws IOException {
      call();
      inner.rectify(s, id, f, v);
    }

    @Override
    public List<PersonalRecord> collectedBefore(Instant cutoff) throws IOException {
      call();
      return inner.collectedBefore(cutoff);
    }

    @Override
    public boolean deleteRecord(String recordId) throws IOException {
      call();
      return inner.deleteRecord(recordId);
    }
  }

  private final CountingStore receipts = new CountingStore("receipts");
  private final CountingStore tracks = new CountingStore("camera-tracks");
  private final CountingStore loyalty = new CountingStore("loyalty");

  private void fill() {
    Instant t = clock.instant().minus(Duration.ofDays(3));
    receipts.inner.put(
        new PersonalRecord(
            "receipts",
            "R-1",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            t,
            Map.of("total", "12.34 EUR")));
    receipts.inner.put(
        new PersonalRecord(
            "receipts",
            "R-3",
            bob,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            t,
            Map.of("total", "1.00 EUR")));
    tracks.inner.put(
        new PersonalRecord(
            "camera-tracks",
            "T-9",
            alice,
            DataCategory.LOCATION_TRACK,
            Region.EU,
            t,
            Map.of("path", "entry>aisle3>exit")));
    loyalty.inner.put(
        new PersonalRecord(
            "loyalty",
            "L-4711",
            alice,
            DataCategory.CONTACT,
            Region.EU,
            t,
            Map.of("email", "alice@example.com")));
  }

  private DsrOrchestrator orchestrator(PrivacyStore store) throws IOException {
    return DsrOrchestrator.builder()
        .store(receipts)
        .store(tracks)
        .store(loyalty)
        .audit(audit::add)
        .clock(clock)
        .consent(consent(store))
        .progress(store)
        .identity(r -> Optional.empty())
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void dsrFailedMidway_reopened_resumesFromTheFailedStepOnly(String kind) throws Exception {
    fill();
    DsrOrchestrator before = orchestrator(start(kind));
    DsrRequest delete =
        DsrRequest.builder()
            .id("req-7")
            .subject(alice)
            .kind(DsrKind.DELETE)
            .regime(Regime.CCPA)
            .received(clock.instant())
            .build();
    before.submit(delete);
    tracks.down.set(true);
    DsrStatus partial = before.run("req-7");
    assertThat(partial.state()).isEqualTo(DsrStatus.State.PARTIAL);
    assertThat(receipts.inner.find(alice)).isEmpty();
    assertThat(loyalty.inner.find(alice)).isEmpty();

    // Restart: new connection, new orchestrator; the camera-track store is back.
    tracks.down.set(false);
    int receiptCalls = receipts.calls.get();
    int loyaltyCalls = loyalty.calls.get();
    int trackCalls = tracks.calls.get();
    DsrOrchestrator after = orchestrator(reopen());
    DsrStatus reloaded = after.status("req-7");
    assertThat(reloaded.request().regime()).isEqualTo(Regime.CCPA);
    assertThat(reloaded.state()).isEqualTo(DsrStatus.State.PARTIAL);
    assertThat(reloaded.steps())
        .extracting(DsrStatus.Step::store, DsrStatus.Step::done)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("receipts", true),
            org.assertj.core.groups.Tuple.tuple("camera-tracks", false),
            org.assertj.core.groups.Tuple.tuple("loyalty", true),
            org.assertj.core.groups.Tuple.tuple("consent", true));
    assertThat(reloaded.steps().get(1).error()).get().asString().contains("is down");
    assertThat(after.submit(delete).state())
        .as("same id, same request")
        .isEqualTo(DsrStatus.State.PARTIAL);

    DsrStatus done = after.run("req-7");
    assertThat(done.state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(receipts.calls.get()).as("receipts not asked again").isEqualTo(receiptCalls);
    assertThat(loyalty.calls.get()).as("loyalty not asked again").isEqualTo(loyaltyCalls);
    assertThat(tracks.calls.get()).isGreaterThan(trackCalls);
    assertThat(tracks.inner.all()).isEmpty();
    assertThat(receipts.inner.all()).extracting(PersonalRecord::subject).containsOnly(bob);

    DsrStatus third = orchestrator(reopen()).status("req-7");
    assertThat(third.state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(third.proof()).isEqualTo(done.proof());
    assertThat(third.completed()).isEqualTo(done.completed());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void dsrAccess_reopened_readsTheRecordsAgainWithoutKeepingThem(String kind) throws Exception {
    fill();
    DsrOrchestrator before = orchestrator(start(kind));
    before.submit(
        DsrRequest.builder()
            .id("req-8")
            .subject(alice)
            .kind(DsrKind.ACCESS)
            .regime(Regime.GDPR)
            .received(clock.instant())
            .build());
    assertThat(before.run("req-8").records()).hasSize(3);
    String json = before.exportJson("req-8");

    DsrOrchestrator after = orchestrator(reopen());
    assertThat(after.status("req-8").state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(after.status("req-8").records()).as("records are not kept").isEmpty();
    assertThat(after.run("req-8").records())
        .extracting(PersonalRecord::id)
        .containsExactlyInAnyOrder("R-1", "T-9", "L-4711");
    assertThat(after.exportJson("req-8")).isEqualTo(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", TestDatabases.SQLITE, TestDatabases.POSTGRESQL})
  void dsrRectifyAndObject_reopened_keepTheirDetails(String kind) throws Exception {
    fill();
    DsrOrchestrator before = orchestrator(start(kind));
    DsrRequest rectify =
        DsrRequest.builder()
            .id("req-9")
            .subject(alice)
            .kind(DsrKind.RECTIFY)
            .regime(Regime.of("Custom", Duration.ofDays(10)))
            .received(clock.instant())
            .rectify("loyalty", "L-4711", "email", "alice@example.org")
            .build();
    DsrRequest object =
        DsrRequest.builder()
            .id("req-10")
            .subject(alice)
            .kind(DsrKind.OBJECT)
            .regime(Regime.GDPR)
            .received(clock.instant())
            .purpose(Purpose.ANALYTICS)
            .build();
    before.submit(rectify);
    before.submit(object);

    DsrOrchestrator after = orchestrator(reopen());
    assertThat(after.submit(rectify).state()).isEqualTo(DsrStatus.State.RECEIVED);
    assertThat(after.submit(object).request().purpose()).isEqualTo(Purpose.ANALYTICS);
    assertThat(after.run("req-9").state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(loyalty.inner.find(alice).get(0).fields())
        .containsEntry("email", "alice@example.org");
  }

  @Test
  void jdbcStore_connectionGone_failsLoudlyAndChangesNothing() throws Exception {
    PrivacyStore store = start(TestDatabases.SQLITE);
    ConsentRegistry consent = consent(store);
    LegalHolds holds = LegalHolds.create(audit::add, store);
    open.close();
    assertThatThrownBy(() -> consent.grant(alice, "loyalty", 1, Set.of(Purpose.MARKETING), "app"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("not stored");
    assertThat(consent.consents(alice, Purpose.MARKETING)).isFalse();
    assertThatThrownBy(() -> holds.place(alice, "case 1", "legal-1"))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(holds.reason(alice)).isEmpty();
  }

  @Test
  void ddlResources_areIdempotent() throws Exception {
    start(TestDatabases.SQLITE);
    JdbcPrivacyStore again = JdbcPrivacyStore.create(open);
    assertThat(again.holds()).isEmpty();
    for (String r : JdbcPrivacyStore.DDL_RESOURCES) {
      assertThat(JdbcPrivacyStore.ddl(r)).startsWith("CREATE TABLE IF NOT EXISTS ");
    }
  }
}
