package io.ambientretail.privacy.dsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.residency.Region;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention that anonymises in place per category, reports per category, and yields to holds. */
class RetentionAnonymizationTest {
  private final Instant now = Instant.parse("2026-11-27T10:00:00Z");
  private final Instant old = now.minus(Duration.ofDays(400));
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final LegalHolds holds = LegalHolds.create(audit::add);
  private final SubjectId alice = SubjectId.of("loyalty:4711");
  private final SubjectId bob = SubjectId.of("loyalty:4712");
  private final InMemoryPersonalDataStore receipts = InMemoryPersonalDataStore.create("receipts");
  private final InMemoryPersonalDataStore tracks = InMemoryPersonalDataStore.create("tracks");
  private final InMemoryPersonalDataStore contacts = InMemoryPersonalDataStore.create("contacts");

  private final RetentionPolicy policy =
      RetentionPolicy.builder()
          .anonymize(
              DataCategory.PURCHASE_HISTORY,
              Duration.ofDays(365),
              Anonymization.builder()
                  .drop("loyaltyId", "cardFingerprint")
                  .truncateTime("at", ChronoUnit.HOURS)
                  .build())
          .anonymize(
              DataCategory.LOCATION_TRACK,
              Duration.ofDays(7),
              Anonymization.builder().roundNumbers("path", 2).drop("device").build())
          .keep(DataCategory.PURCHASE_HISTORY, Region.of("DE"), Duration.ofDays(3650))
          .keep(DataCategory.CONTACT, Duration.ofDays(30))
          .build();

  private static Map<String, String> fields(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @BeforeEach
  void records() {
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-1",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            old,
            fields(
                "basket",
                "2x 4006381333931; 1x 5449000000996",
                "total",
                "4.17 EUR",
                "loyaltyId",
                "4711",
                "cardFingerprint",
                "fp:9a1c",
                "at",
                "2025-10-23T17:42:13Z")));
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-2",
            bob,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            old,
            fields("basket", "1x 4006381333931", "loyaltyId", "4712")));
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-3",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.of("DE"),
            old,
            fields("basket", "1x 5449000000996", "loyaltyId", "4711")));
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-4",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            now.minus(Duration.ofDays(10)),
            fields("basket", "1x 1", "loyaltyId", "4711")));
    tracks.put(
        new PersonalRecord(
            "tracks",
            "T-1",
            alice,
            DataCategory.LOCATION_TRACK,
            Region.EU,
            old,
            fields("path", "48.137154,11.576124;48.137301,11.576890", "device", "cam-3")));
    contacts.put(
        new PersonalRecord(
            "contacts",
            "C-1",
            alice,
            DataCategory.CONTACT,
            Region.EU,
            old,
            fields("email", "alice@example.com")));
    contacts.put(
        new PersonalRecord(
            "contacts",
            "C-2",
            bob,
            DataCategory.CONTACT,
            Region.EU,
            old,
            fields("email", "bob@example.com")));
  }

  private RetentionJob job(PersonalDataStore... stores) {
    return RetentionJob.create(List.of(stores), policy, holds, audit::add);
  }

  @Test
  void run_anonymisesPurchasesAndTracksInPlace_deletesContacts_reportsPerCategory() {
    RetentionJob.Report report = job(receipts, tracks, contacts).run(now);

    assertThat(receipts.find(alice))
        .extracting(PersonalRecord::id)
        .as("only the recent and the German receipt are still alice's")
        .containsExactlyInAnyOrder("R-3", "R-4");
    assertThat(receipts.find(bob)).isEmpty();
    assertThat(receipts.anonymized().get("R-1"))
        .containsExactly(
            Map.entry("basket", "2x 4006381333931; 1x 5449000000996"),
            Map.entry("total", "4.17 EUR"),
            Map.entry("at", "2025-10-23T17:00:00Z"));
    assertThat(receipts.anonymized().get("R-2")).isEqualTo(Map.of("basket", "1x 4006381333931"));
    assertThat(tracks.find(alice)).isEmpty();
    assertThat(tracks.anonymized().get("T-1")).isEqualTo(Map.of("path", "48.14,11.58;48.14,11.58"));
    assertThat(contacts.all()).isEmpty();
    assertThat(contacts.anonymized()).isEmpty();

    assertThat(report.byCategory().get(DataCategory.PURCHASE_HISTORY))
        .satisfies(
            c -> {
              assertThat(c.anonymized()).isEqualTo(2);
              assertThat(c.deleted()).isZero();
            });
    assertThat(report.byCategory().get(DataCategory.LOCATION_TRACK).anonymized()).isEqualTo(1);
    assertThat(report.byCategory().get(DataCategory.CONTACT).deleted()).isEqualTo(2);
    assertThat(report.anonymized()).isEqualTo(3);
    assertThat(report.deleted()).isEqualTo(2);
    assertThat(report.failures()).isEmpty();
    assertThat(audit).filteredOn(e -> e.action().equals("retention.anonymize")).hasSize(3);

    RetentionJob.Report again = job(receipts, tracks, contacts).run(now);
    assertThat(again.anonymized() + again.deleted()).as("idempotent").isZero();
  }

  @Test
  void run_legalHold_overridesAnonymisationAndDeletion() {
    holds.place(alice, "case 2026-17", "legal-1");
    RetentionJob.Report report = job(receipts, tracks, contacts).run(now);
    assertThat(receipts.find(alice)).hasSize(3);
    assertThat(tracks.find(alice)).hasSize(1);
    assertThat(contacts.find(alice)).hasSize(1);
    assertThat(receipts.anonymized()).containsOnlyKeys("R-2");
    assertThat(report.byCategory().get(DataCategory.PURCHASE_HISTORY).held()).isEqualTo(1);
    assertThat(report.byCategory().get(DataCategory.LOCATION_TRACK).held()).isEqualTo(1);
    assertThat(report.byCategory().get(DataCategory.CONTACT).held()).isEqualTo(1);
    assertThat(report.held()).isEqualTo(3);
  }

  @Test
  void run_storeThatCannotAnonymise_reportsFailureAndKeepsTheRecord() {
    PersonalDataStore legacy =
        new PersonalDataStore() {
          @Override
          public String name() {
            return "legacy-tracks";
          }

          @Override
          public List<PersonalRecord> find(SubjectId subject) {
            return tracks.find(subject);
          }

          @Override
          public int delete(SubjectId subject) {
            return tracks.delete(subject);
          }

          @Override
          public void rectify(SubjectId s, String id, String f, String v) {
            tracks.rectify(s, id, f, v);
          }

          @Override
          public List<PersonalRecord> collectedBefore(Instant cutoff) {
            return tracks.collectedBefore(cutoff);
          }

          @Override
          public boolean deleteRecord(String recordId) throws IOException {
            throw new IOException("must not delete what the policy says to anonymise");
          }
        };
    RetentionJob.Report report = job(legacy).run(now);
    assertThat(tracks.find(alice)).hasSize(1);
    assertThat(report.byCategory().get(DataCategory.LOCATION_TRACK).failed()).isEqualTo(1);
    assertThat(report.failures())
        .singleElement()
        .asString()
        .contains("legacy-tracks/T-1", "cannot anonymise");
  }

  @Test
  void anonymization_rules_validateAndCoarsen() {
    Anonymization a =
        Anonymization.builder()
            .roundNumbers("geo", 0)
            .truncateTime("at", ChronoUnit.DAYS)
            .coarsen("postcode", p -> p.substring(0, 2))
            .build();
    assertThat(
            a.apply(
                fields(
                    "geo",
                    "-0.5 and 12.49 and 7",
                    "at",
                    "not a time",
                    "postcode",
                    "80331",
                    "note",
                    "kept")))
        .containsExactly(
            Map.entry("geo", "-1 and 12 and 7"),
            Map.entry("postcode", "80"),
            Map.entry("note", "kept"));
    assertThatThrownBy(() -> Anonymization.builder().drop("x").roundNumbers("x", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> Anonymization.builder().roundNumbers("x", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void policy_regionalKeepRule_overridesTheCategoryAnonymisation() {
    assertThat(policy.anonymization(DataCategory.PURCHASE_HISTORY, Region.EU)).isNotNull();
    assertThat(policy.anonymization(DataCategory.PURCHASE_HISTORY, Region.of("DE"))).isNull();
    assertThat(policy.anonymization(DataCategory.CONTACT, Region.EU)).isNull();
  }
}
