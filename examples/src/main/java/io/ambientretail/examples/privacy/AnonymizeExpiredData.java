package io.ambientretail.examples.privacy;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.dsr.Anonymization;
import io.ambientretail.privacy.dsr.InMemoryPersonalDataStore;
import io.ambientretail.privacy.dsr.LegalHolds;
import io.ambientretail.privacy.dsr.PersonalRecord;
import io.ambientretail.privacy.dsr.RetentionJob;
import io.ambientretail.privacy.dsr.RetentionPolicy;
import io.ambientretail.privacy.residency.Region;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs the nightly retention job: old receipts keep their basket but lose the shopper, old camera
 * tracks are coarsened to about 1 km, old contact details are deleted.
 */
public final class AnonymizeExpiredData {
  private AnonymizeExpiredData() {}

  /** Runs the example as of {@code now}, printing the report; returns it. */
  public static RetentionJob.Report run(
      PrintStream out,
      InMemoryPersonalDataStore receipts,
      InMemoryPersonalDataStore tracks,
      Instant now) {
    SubjectId alice = SubjectId.of("loyalty:4711");
    Instant lastYear = now.minus(Duration.ofDays(400));
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-1001",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            lastYear,
            Map.of("basket", "2x 4006381333931", "loyaltyId", "4711")));
    tracks.put(
        new PersonalRecord(
            "camera-tracks",
            "T-9",
            alice,
            DataCategory.LOCATION_TRACK,
            Region.EU,
            lastYear,
            Map.of("path", "48.137154,11.576124;48.137301,11.576890")));

    RetentionPolicy policy =
        RetentionPolicy.builder()
            .anonymize(
                DataCategory.PURCHASE_HISTORY,
                Duration.ofDays(365),
                Anonymization.builder().drop("loyaltyId").build())
            .anonymize(
                DataCategory.LOCATION_TRACK,
                Duration.ofDays(7),
                Anonymization.builder().roundNumbers("path", 2).build())
            .keep(DataCategory.CONTACT, Duration.ofDays(30))
            .build();
    LegalHolds holds = LegalHolds.create(event -> {}); // your audit sink here
    RetentionJob.Report report =
        RetentionJob.create(List.of(receipts, tracks), policy, holds, event -> {}).run(now);
    report.byCategory().forEach((category, what) -> out.println(category + " " + what));
    out.println("kept for analytics: " + receipts.anonymized() + " " + tracks.anonymized());
    return report;
  }

  /** Runs the example. */
  public static void main(String[] args) {
    run(
        System.out,
        InMemoryPersonalDataStore.create("receipts"),
        InMemoryPersonalDataStore.create("camera-tracks"),
        Instant.now());
  }
}
