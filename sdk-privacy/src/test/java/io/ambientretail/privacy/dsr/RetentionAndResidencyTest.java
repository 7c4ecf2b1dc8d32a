package io.ambientretail.privacy.dsr;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.residency.Region;
import io.ambientretail.privacy.residency.TransferDecision;
import io.ambientretail.privacy.residency.TransferGuard;
import io.ambientretail.privacy.residency.TransferRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RetentionAndResidencyTest {
  private final Instant now = Instant.parse("2026-11-27T10:00:00Z");
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final SubjectId alice = SubjectId.of("loyalty:1");
  private final SubjectId bob = SubjectId.of("loyalty:2");

  private PersonalRecord rec(
      String store, String id, SubjectId s, DataCategory c, Region r, Duration age) {
    return new PersonalRecord(store, id, s, c, r, now.minus(age), Map.of("k", "v"));
  }

  @Test
  void retention_deletesExpired_keepsHeldAndFresh_reportsUnmanaged() {
    InMemoryPersonalDataStore tracks = InMemoryPersonalDataStore.create("tracks");
    tracks.put(
        rec("tracks", "T-old", alice, DataCategory.LOCATION_TRACK, Region.EU, Duration.ofDays(8)));
    tracks.put(
        rec("tracks", "T-new", alice, DataCategory.LOCATION_TRACK, Region.EU, Duration.ofDays(2)));
    tracks.put(
        rec("tracks", "T-held", bob, DataCategory.LOCATION_TRACK, Region.EU, Duration.ofDays(30)));
    InMemoryPersonalDataStore receipts = InMemoryPersonalDataStore.create("receipts");
    receipts.put(
        rec(
            "receipts",
            "R-de",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            Duration.ofDays(400)));
    receipts.put(
        rec(
            "receipts",
            "R-sg",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.of("SG"),
            Duration.ofDays(400)));
    receipts.put(
        rec("receipts", "X-1", alice, DataCategory.DEVICE_ID, Region.EU, Duration.ofDays(400)));
    RetentionPolicy policy =
        RetentionPolicy.builder()
            .keep(DataCategory.LOCATION_TRACK, Duration.ofDays(7))
            .keep(DataCategory.PURCHASE_HISTORY, Duration.ofDays(365))
            .keep(DataCategory.PURCHASE_HISTORY, Region.EU, Duration.ofDays(3650))
            .build();
    LegalHolds holds = LegalHolds.create(audit::add);
    holds.place(bob, "case-2026-17", "legal-team");
    RetentionJob job = RetentionJob.create(List.of(tracks, receipts), policy, holds, audit::add);

    RetentionJob.Report report = job.run(now);
    assertThat(report.deleted()).isEqualTo(2);
    assertThat(report.held()).isEqualTo(1);
    assertThat(report.unmanaged()).isEqualTo(1);
    assertThat(tracks.all())
        .extracting(PersonalRecord::id)
        .containsExactlyInAnyOrder("T-new", "T-held");
    assertThat(receipts.all())
        .extracting(PersonalRecord::id)
        .containsExactlyInAnyOrder("R-de", "X-1");
    assertThat(job.run(now).deleted()).isZero();

    holds.release(bob, "legal-team");
    assertThat(job.run(now).deleted()).isEqualTo(1);
    assertThat(audit)
        .extracting(AuditEvent::action)
        .contains("legal-hold.place", "retention.delete", "legal-hold.release");
  }

  @Test
  void transferRules_euUkAndChina() {
    TransferRules rules =
        TransferRules.builder()
            .restricted(Region.EU)
            .restricted(Region.UK)
            .inCountry(Region.CN)
            .adequacy(Region.EU, Region.UK)
            .standardClauses(Region.EU, Region.US)
            .assessment(Region.CN, Region.of("SG"))
            .build();
    assertThat(rules.decide(Region.EU, Region.EU)).isEqualTo(TransferDecision.SAME_REGION);
    assertThat(rules.decide(Region.EU, Region.UK)).isEqualTo(TransferDecision.ADEQUACY);
    assertThat(rules.decide(Region.EU, Region.US)).isEqualTo(TransferDecision.STANDARD_CLAUSES);
    assertThat(rules.decide(Region.EU, Region.CN)).isEqualTo(TransferDecision.BLOCKED);
    assertThat(rules.decide(Region.UK, Region.US)).isEqualTo(TransferDecision.BLOCKED);
    assertThat(rules.decide(Region.CN, Region.EU)).isEqualTo(TransferDecision.BLOCKED);
    assertThat(rules.decide(Region.CN, Region.of("SG")))
        .isEqualTo(TransferDecision.ASSESSMENT_RECORDED);
    assertThat(rules.decide(Region.US, Region.CN)).isEqualTo(TransferDecision.UNRESTRICTED);
  }

  @Test
  void transferGuard_blockedRecordsAreAuditedNotDropped() {
    TransferGuard guard = TransferGuard.create(TransferRules.defaults(), audit::add);
    List<PersonalRecord> batch =
        List.of(
            rec("receipts", "R-eu", alice, DataCategory.PURCHASE_HISTORY, Region.EU, Duration.ZERO),
            rec("receipts", "R-cn", alice, DataCategory.PURCHASE_HISTORY, Region.CN, Duration.ZERO),
            rec(
                "receipts",
                "R-us",
                alice,
                DataCategory.PURCHASE_HISTORY,
                Region.US,
                Duration.ZERO));
    TransferGuard.Result r = guard.filter(batch, Region.US, "chain-sync", "S001");
    assertThat(r.allowed()).extracting(PersonalRecord::id).containsExactly("R-us");
    assertThat(r.blocked()).extracting(PersonalRecord::id).containsExactly("R-eu", "R-cn");
    assertThat(audit)
        .filteredOn(e -> e.action().equals("transfer.blocked"))
        .hasSize(2)
        .allMatch(e -> e.outcome() == AuditOutcome.FAILURE);
    assertThat(audit.get(1).detail()).contains("from=CN to=US");
  }
}
