package io.ambientretail.examples.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.PrivacyException;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.anonymity.AnonymizedTable;
import io.ambientretail.privacy.anonymity.KAnonymizer;
import io.ambientretail.privacy.audit.AuditLog;
import io.ambientretail.privacy.audit.AuditVerifier;
import io.ambientretail.privacy.audit.InMemoryAuditStore;
import io.ambientretail.privacy.dsr.DsrStatus;
import io.ambientretail.privacy.dsr.InMemoryPersonalDataStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyExamplesTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void accessRequest_printsEveryRecordAsJson() throws Exception {
    DsrStatus s = AnswerAccessRequest.run(out);
    assertThat(s.state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(printed())
        .contains(
            "\"subject\":\"loyalty:4711\"",
            "\"id\":\"R-1001\"",
            "\"email\":\"alice@example.com\"",
            "\"complete\":true",
            "state COMPLETED");
    assertThat(printed()).containsPattern("audit entries: [1-9]");
  }

  @Test
  void deletionRequest_leavesNothingBehind() throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryAuditStore store = new InMemoryAuditStore();
    AuditLog audit = AuditLog.builder().name("t").store(store).clock(clock).build();
    InMemoryPersonalDataStore receipts = InMemoryPersonalDataStore.create("receipts");
    InMemoryPersonalDataStore tracks = InMemoryPersonalDataStore.create("camera-tracks");
    ConsentRegistry consent =
        ConsentRegistry.create(clock, e -> AnswerAccessRequest.append(audit, e));
    DsrStatus s = AnswerDeletionRequest.run(out, receipts, tracks, consent, audit);
    assertThat(s.state()).isEqualTo(DsrStatus.State.COMPLETED);
    assertThat(receipts.all()).isEmpty();
    assertThat(tracks.all()).isEmpty();
    SubjectId bob = SubjectId.of("card-fp:9f2c");
    assertThat(consent.history(bob)).isEmpty();
    assertThat(consent.consents(bob, Purpose.MARKETING)).isFalse();
    assertThat(printed())
        .contains("COMPLETED", "receipts: 1", "camera-tracks: 1")
        .containsPattern("sha256 [0-9a-f]{64}");
    assertThat(AuditVerifier.verify(store.read(0, 1000)).ok()).isTrue();
  }

  @Test
  void kAnonymousExport_everyClassHasAtLeastFive() {
    AnonymizedTable t = ExportKAnonymousSales.run(out, 1000);
    assertThat(t.rows()).hasSizeGreaterThan(950);
    KAnonymizer.check(t.rows(), List.of("time", "place", "age"), 5);
    assertThat(printed()).contains("levels");
  }

  @Test
  void kAnonymousExport_tooFewSales_isRefused() {
    assertThatThrownBy(() -> ExportKAnonymousSales.run(out, 3))
        .isInstanceOf(PrivacyException.class);
  }

  @Test
  void retention_anonymisesReceiptsAndTracks_noShopperLeft() {
    InMemoryPersonalDataStore receipts = InMemoryPersonalDataStore.create("receipts");
    InMemoryPersonalDataStore tracks = InMemoryPersonalDataStore.create("camera-tracks");
    io.ambientretail.privacy.dsr.RetentionJob.Report report =
        AnonymizeExpiredData.run(
            out, receipts, tracks, java.time.Instant.parse("2026-11-27T03:00:00Z"));
    assertThat(report.anonymized()).isEqualTo(2);
    assertThat(receipts.find(SubjectId.of("loyalty:4711"))).isEmpty();
    assertThat(receipts.anonymized().get("R-1001")).containsOnlyKeys("basket");
    assertThat(tracks.anonymized().get("T-9")).containsEntry("path", "48.14,11.58;48.14,11.58");
    assertThat(printed())
        .contains("purchase-history {deleted=0, anonymized=1")
        .doesNotContain("4711");
  }
}
