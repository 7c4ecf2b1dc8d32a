package io.ambientretail.privacy.audit;

import java.util.ArrayList;
import java.util.List;

/** Builds audit events for tests. */
final class AuditFixtures {
  private AuditFixtures() {}

  static AuditEvent event(int i) {
    return AuditEvent.builder()
        .actor("operator-" + (i % 7))
        .action(i % 3 == 0 ? "receipt.read" : "loyalty-profile.update")
        .outcome(i % 5 == 0 ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS)
        .origin("kiosk-" + (i % 4))
        .resource("receipt/R-" + (1000 + i))
        .detail(i % 2 == 0 ? "" : "purpose=order-fulfilment é✓")
        .build();
  }

  static List<AuditEvent> events(int from, int count) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(event(i));
    }
    return out;
  }

  /** A copy of {@code e} with another resource but the original hashes: a tampered entry. */
  static AuditEntry withResource(AuditEntry e, String resource) {
    AuditEvent ev = e.event();
    AuditEvent changed =
        AuditEvent.builder()
            .actor(ev.actor())
            .action(ev.action())
            .outcome(ev.outcome())
            .origin(ev.origin())
            .resource(resource)
            .detail(ev.detail())
            .build();
    return AuditEntry.of(e.sequence(), e.time(), changed, e.previousHash(), e.hash());
  }
}
