package io.ambientretail.privacy.dsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.ConsentNotice;
import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.PrivacyException;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.residency.Region;
import io.ambientretail.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DsrOrchestratorTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T10:00:00Z"));
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final ConsentRegistry consent = ConsentRegistry.create(clock, audit::add);
  private final InMemoryPersonalDataStore receipts = InMemoryPersonalDataStore.create("receipts");
  private final InMemoryPersonalDataStore loyalty = InMemoryPersonalDataStore.create("loyalty");
  private final FlakyStore tracks = new FlakyStore("camera-tracks");
  private final SubjectId alice = SubjectId.of("loyalty:4711");
  private final SubjectId bob = SubjectId.of("loyalty:4712");
  private DsrOrchestrator dsr;

  @BeforeEach
  void stores() {
    Instant t = clock.instant().minus(Duration.ofDays(3));
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-1",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            t,
            Map.of("total", "12.34 EUR", "store", "S001")));
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-2",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.of("SG"),
            t,
            Map.of("total", "3.00 SGD", "store", "S900")));
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-3",
            bob,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            t,
            Map.of("total", "1.00 EUR", "store", "S001")));
    loyalty.put(
        new PersonalRecord(
            "loyalty",
            "L-4711",
            alice,
            DataCategory.CONTACT,
            Region.EU,
            t,
            Map.of("email", "alice@example.com", "note", "line1\n\"quoted\"")));
    tracks.inner.put(
        new PersonalRecord(
            "camera-tracks",
            "T-9",
            alice,
            DataCategory.LOCATION_TRACK,
            Region.EU,
            t,
            Map.of("path", "entry>aisle3>exit")));
    consent.publish(
        ConsentNotice.of("loyalty", 1, Set.of(Purpose.MARKETING), "text", clock.instant()));
    consent.grant(alice, "loyalty", 1, Set.of(Purpose.MARKETING), "app");
    dsr =
        DsrOrchestrator.builder()
            .store(receipts)
            .store(loyalty)
            .store(tracks)
            .audit(audit::add)
            .clock(clock)
            .consent(consent)
            .identity(
                r ->
                    r.subject().equals(SubjectId.of("loyalty:666"))
                        ? Optional.of("one-time code did not match")
                        : Optional.empty())
            .build();
  }

  private DsrRequest request(String id, DsrKind kind, SubjectId who) {
    return DsrRequest.builder()
        .id(id)
        .subject(who)
        .kind(kind)
        .regime(Regime.GDPR)
        .received(clock.instant())
        .build();
  }

  @Test
  void access_acrossStoresAndRegions_findsEverythingAndExportsJson() {
    dsr.submit(request("req-1", DsrKind.EXPORT, alice));
    DsrStatus s = dsr.run("req-1");
    assertThat(s.state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(s.records())
        .extracting(PersonalRecord::id)
        .containsExactlyInAnyOrder("R-1", "R-2", "L-4711", "T-9");
    assertThat(s.records()).extracting(PersonalRecord::region).contains(Region.of("SG"));
    String json = dsr.exportJson("req-1");
    assertThat(json)
        .startsWith(
            "{\"subject\":\"loyalty:4711\",\"request\":\"req-1\","
                + "\"complete\":true,\"records\":[")
        .contains("\"line1\\n\\\"quoted\\\"\"")
        .contains("\"region\":\"SG\"")
        .endsWith("\"unanswered\":[]}")
        .doesNotContain("R-3");
    assertThat(s.proof())
        .get()
        .asString()
        .contains("receipts: 2")
        .containsPattern("sha256 [0-9a-f]{64}");
    assertThat(audit)
        .extracting(AuditEvent::action)
        .contains("dsr.received", "dsr.identity", "dsr.export", "dsr.complete");
  }

  @Test
  void delete_leavesNoResidueInAnyStoreOrConsent() {
    dsr.submit(request("req-2", DsrKind.DELETE, alice));
    DsrStatus s = dsr.run("req-2");
    assertThat(s.state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(s.counts())
        .containsEntry("receipts", 2)
        .containsEntry("loyalty", 1)
        .containsEntry("camera-tracks", 1)
        .containsEntry("consent", 1);
    for (InMemoryPersonalDataStore st : List.of(receipts, loyalty, tracks.inner)) {
      assertThat(st.all()).noneMatch(r -> r.subject().equals(alice));
      assertThat(st.all().toString()).doesNotContain("4711").doesNotContain("alice");
    }
    assertThat(consent.history(alice)).isEmpty();
    assertThat(consent.subjects()).doesNotContain(alice);
    assertThat(receipts.find(bob)).hasSize(1);
  }

  @Test
  void oneStoreDown_partialHonestly_thenResumesOnlyTheFailedStep() {
    tracks.down.set(true);
    dsr.submit(request("req-3", DsrKind.DELETE, alice));
    DsrStatus s = dsr.run("req-3");
    assertThat(s.state()).isEqualTo(DsrStatus.State.PARTIAL);
    assertThat(s.steps())
        .filteredOn(st -> !st.done())
        .singleElement()
        .satisfies(st -> assertThat(st.error()).get().asString().contains("camera-tracks down"));
    assertThat(s.proof()).isEmpty();
    int receiptCallsBefore = receipts.all().size();

    tracks.down.set(false);
    DsrStatus again = dsr.run("req-3");
    assertThat(again.state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(tracks.inner.all()).isEmpty();
    assertThat(receipts.all()).hasSize(receiptCallsBefore);
    assertThat(again.counts()).containsEntry("receipts", 2);
  }

  @Test
  void submit_sameIdTwice_isIdempotent_differentRequestIsRefused() {
    DsrStatus first = dsr.submit(request("req-4", DsrKind.ACCESS, alice));
    DsrStatus second = dsr.submit(request("req-4", DsrKind.ACCESS, alice));
    assertThat(second.request().id()).isEqualTo(first.request().id());
    assertThat(audit).filteredOn(e -> e.action().equals("dsr.received")).hasSize(1);
    assertThatThrownBy(() -> dsr.submit(request("req-4", DsrKind.DELETE, alice)))
        .isInstanceOf(PrivacyException.class)
        .hasMessageContaining("already used");
    dsr.run("req-4");
    assertThat(dsr.run("req-4").state()).isEqualTo(DsrStatus.State.COMPLETED);
  }

  @Test
  void identityNotVerified_nothingIsDisclosedOrDeleted() {
    SubjectId mallory = SubjectId.of("loyalty:666");
    dsr.submit(request("req-5", DsrKind.DELETE, mallory));
    DsrStatus s = dsr.run("req-5");
    assertThat(s.state()).isEqualTo(DsrStatus.State.REJECTED);
    assertThat(s.refusal()).contains("one-time code did not match");
    assertThat(s.steps()).isEmpty();
    assertThat(receipts.all()).hasSize(3);
  }

  @Test
  void unknownSubject_completesWithNothingFound() {
    dsr.submit(request("req-6", DsrKind.ACCESS, SubjectId.of("loyalty:0000")));
    DsrStatus s = dsr.run("req-6");
    assertThat(s.state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(s.records()).isEmpty();
    assertThat(dsr.exportJson("req-6")).contains("\"records\":[]");
  }

  @Test
  void rectify_changesOnlyTheNamedField() {
    dsr.submit(
        DsrRequest.builder()
            .id("req-7")
            .subject(alice)
            .kind(DsrKind.RECTIFY)
            .regime(Regime.CCPA)
            .received(clock.instant())
            .rectify("loyalty", "L-4711", "email", "alice@example.org")
            .build());
    assertThat(dsr.run("req-7").state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(loyalty.find(alice).get(0).fields())
        .containsEntry("email", "alice@example.org")
        .containsKey("note");
  }

  @Test
  void object_recordsTheObjection() {
    dsr.submit(
        DsrRequest.builder()
            .id("req-8")
            .subject(alice)
            .kind(DsrKind.OBJECT)
            .regime(Regime.GDPR)
            .received(clock.instant())
            .purpose(Purpose.ANALYTICS)
            .build());
    dsr.run("req-8");
    assertThat(consent.objected(alice, Purpose.ANALYTICS)).isTrue();
  }

  @Test
  void deadlines_perRegime_andOverdue() {
    DsrRequest gdpr = request("req-9", DsrKind.ACCESS, alice);
    assertThat(gdpr.due()).isEqualTo(Instant.parse("2026-12-27T10:00:00Z"));
    DsrRequest ccpa =
        DsrRequest.builder()
            .id("x")
            .subject(alice)
            .kind(DsrKind.ACCESS)
            .regime(Regime.CCPA)
            .received(clock.instant())
            .build();
    assertThat(ccpa.due()).isEqualTo(Instant.parse("2027-01-11T10:00:00Z"));
    DsrStatus s = dsr.submit(gdpr);
    assertThat(s.overdue(clock.instant().plus(Duration.ofDays(29)))).isFalse();
    assertThat(s.overdue(clock.instant().plus(Duration.ofDays(31)))).isTrue();
  }

  @Test
  void malformedRequests_areRefusedClearly() {
    assertThatThrownBy(
            () ->
                DsrRequest.builder()
                    .id("r")
                    .subject(alice)
                    .kind(DsrKind.RECTIFY)
                    .regime(Regime.GDPR)
                    .received(clock.instant())
                    .build())
        .hasMessageContaining("RECTIFY needs");
    assertThatThrownBy(() -> DsrRequest.builder().id("").build()).hasMessageContaining("id");
    assertThatThrownBy(() -> dsr.run("nope")).hasMessageContaining("no request nope");
    dsr.submit(request("req-10", DsrKind.DELETE, alice));
    assertThatThrownBy(() -> dsr.exportJson("req-10")).hasMessageContaining("no records");
  }

  /** A store that can be switched off, to test partial results. */
  private static final class FlakyStore implements PersonalDataStore {
    final InMemoryPersonalDataStore inner;
    final AtomicBoolean down = new AtomicBoolean();

    FlakyStore(String name) {
      inner = InMemoryPersonalDataStore.create(name);
    }

    private void check() throws IOException {
      if (down.get()) {
        throw new IOException(inner.name() + " down");
      }
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public List<PersonalRecord> find(SubjectId subject) throws IOException {
      check();
      return inner.find(subject);
    }

    @Override
    public int delete(SubjectId subject) throws IOException {
      check();
      return inner.delete(subject);
    }

    @Override
    public void rectify(SubjectId s, String id, String f, String v) throws IOException {
      check();
      inner.rectify(s, id, f, v);
    }

    @Override
    public List<PersonalRecord> collectedBefore(Instant cutoff) throws IOException {
      check();
      return inner.collectedBefore(cutoff);
    }

    @Override
    public boolean deleteRecord(String id) throws IOException {
      check();
      return inner.deleteRecord(id);
    }
  }
}
