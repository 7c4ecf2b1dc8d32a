package io.ambientretail.examples.privacy;

import io.ambientretail.privacy.ConsentNotice;
import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.audit.AuditLog;
import io.ambientretail.privacy.audit.InMemoryAuditStore;
import io.ambientretail.privacy.dsr.DsrKind;
import io.ambientretail.privacy.dsr.DsrOrchestrator;
import io.ambientretail.privacy.dsr.DsrRequest;
import io.ambientretail.privacy.dsr.DsrStatus;
import io.ambientretail.privacy.dsr.InMemoryPersonalDataStore;
import io.ambientretail.privacy.dsr.PersonalRecord;
import io.ambientretail.privacy.dsr.Regime;
import io.ambientretail.privacy.residency.Region;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Answers a CCPA deletion request: erases a shopper everywhere and prints the proof. */
public final class AnswerDeletionRequest {
  private AnswerDeletionRequest() {}

  /** Runs the example against the given stores, printing the proof; returns the final state. */
  public static DsrStatus run(
      PrintStream out,
      InMemoryPersonalDataStore receipts,
      InMemoryPersonalDataStore tracks,
      ConsentRegistry consent,
      AuditLog audit) {
    Clock clock = Clock.systemUTC();
    SubjectId bob = SubjectId.of("card-fp:9f2c");
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-2002",
            bob,
            DataCategory.PURCHASE_HISTORY,
            Region.US_CA,
            clock.instant(),
            Map.of("total", "4.50 USD")));
    tracks.put(
        new PersonalRecord(
            "camera-tracks",
            "T-77",
            bob,
            DataCategory.LOCATION_TRACK,
            Region.US_CA,
            clock.instant(),
            Map.of("path", "entry>aisle2>exit")));
    consent.publish(
        ConsentNotice.of(
            "offers", 1, Set.of(Purpose.MARKETING), "We may send...", clock.instant()));
    consent.grant(bob, "offers", 1, Set.of(Purpose.MARKETING), "kiosk-1");

    DsrOrchestrator dsr =
        DsrOrchestrator.builder()
            .store(receipts)
            .store(tracks)
            .audit(e -> AnswerAccessRequest.append(audit, e))
            .clock(clock)
            .consent(consent)
            .identity(request -> Optional.empty()) // e.g. card tapped again at the kiosk
            .build();
    dsr.submit(
        DsrRequest.builder()
            .id("req-ccpa-17")
            .subject(bob)
            .kind(DsrKind.DELETE)
            .regime(Regime.CCPA)
            .received(clock.instant())
            .build());
    DsrStatus status = dsr.run("req-ccpa-17"); // safe to run again after a failure
    out.println(status.state());
    out.println(status.proof().orElse("(not complete: " + status.steps() + ")"));
    return status;
  }

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    Clock clock = Clock.systemUTC();
    AuditLog audit =
        AuditLog.builder()
            .name("demo/S002/audit")
            .store(new InMemoryAuditStore())
            .clock(clock)
            .build();
    run(
        System.out,
        InMemoryPersonalDataStore.create("receipts"),
        InMemoryPersonalDataStore.create("camera-tracks"),
        ConsentRegistry.create(clock, e -> AnswerAccessRequest.append(audit, e)),
        audit);
  }
}
