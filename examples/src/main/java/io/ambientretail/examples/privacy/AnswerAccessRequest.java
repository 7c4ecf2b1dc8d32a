package io.ambientretail.examples.privacy;

import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditLog;
import io.ambientretail.privacy.audit.AuditVerifier;
import io.ambientretail.privacy.audit.InMemoryAuditStore;
import io.ambientretail.privacy.dsr.DsrKind;
import io.ambientretail.privacy.dsr.DsrOrchestrator;
import io.ambientretail.privacy.dsr.DsrRequest;
import io.ambientretail.privacy.dsr.DsrStatus;
import io.ambientretail.privacy.dsr.InMemoryPersonalDataStore;
import io.ambientretail.privacy.dsr.PersonalRecord;
import io.ambientretail.privacy.dsr.Regime;
import io.ambientretail.privacy.residency.Region;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Answers a shopper's GDPR access request across two stores and prints the portable JSON. */
public final class AnswerAccessRequest {
  private AnswerAccessRequest() {}

  /** Runs the example, printing the answer to {@code out}; returns the request's final state. */
  public static DsrStatus run(PrintStream out) throws Exception {
    Clock clock = Clock.systemUTC();
    InMemoryAuditStore auditStore = new InMemoryAuditStore();
    AuditLog audit =
        AuditLog.builder().name("demo/S001/audit").store(auditStore).clock(clock).build();
    SubjectId alice = SubjectId.of("loyalty:4711");

    InMemoryPersonalDataStore receipts = InMemoryPersonalDataStore.create("receipts");
    receipts.put(
        new PersonalRecord(
            "receipts",
            "R-1001",
            alice,
            DataCategory.PURCHASE_HISTORY,
            Region.EU,
            clock.instant(),
            Map.of("total", "12.34 EUR", "items", "3")));
    InMemoryPersonalDataStore loyalty = InMemoryPersonalDataStore.create("loyalty");
    loyalty.put(
        new PersonalRecord(
            "loyalty",
            "L-4711",
            alice,
            DataCategory.CONTACT,
            Region.EU,
            clock.instant(),
            Map.of("email", "alice@example.com")));

    DsrOrchestrator dsr =
        DsrOrchestrator.builder()
            .store(receipts)
            .store(loyalty)
            .audit(e -> append(audit, e))
            .clock(clock)
            .consent(ConsentRegistry.create(clock, e -> append(audit, e)))
            .identity(request -> Optional.empty()) // e.g. the shopper signed in to the app
            .build();
    dsr.submit(
        DsrRequest.builder()
            .id("req-2026-0001")
            .subject(alice)
            .kind(DsrKind.ACCESS)
            .regime(Regime.GDPR)
            .received(clock.instant())
            .build());
    DsrStatus status = dsr.run("req-2026-0001");

    out.println(dsr.exportJson("req-2026-0001"));
    out.println("due " + status.request().due() + ", state " + status.state());
    out.println("audit entries: " + AuditVerifier.verify(auditStore.read(0, 1000)).entries());
    return status;
  }

  static void append(AuditLog log, AuditEvent e) {
    try {
      log.append(e); // one durable write each; use BatchingAuditSink for throughput
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    run(System.out);
  }
}
