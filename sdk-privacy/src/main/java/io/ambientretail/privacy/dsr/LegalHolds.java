package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.PersonalData;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Legal holds: a subject's data that must be kept (litigation, a police request) whatever the
 * retention policy says. Placing and releasing a hold is audited. Thread-safe.
 */
public final class LegalHolds {
  private final AuditSink audit;
  @PersonalData(category = "pseudonym", purposes = {"legal-obligation"})
  private final Map<SubjectId, String> holds = new ConcurrentHashMap<>();

  private LegalHolds(AuditSink audit) {
    this.audit = audit;
  }

  /** Creates an empty set of holds auditing to {@code audit}. */
  public static LegalHolds create(AuditSink audit) {
    return new LegalHolds(Objects.requireNonNull(audit, "audit"));
  }

  /** Holds {@code subject}'s data for {@code reason} (a case reference, never personal data). */
  public void place(SubjectId subject, String reason, String by) {
    holds.put(subject, Objects.requireNonNull(reason, "reason"));
    audit.record(AuditEvent.builder().actor(by).action("legal-hold.place")
        .outcome(AuditOutcome.SUCCESS).origin("legal").resource("subject/" + subject.value())
        .detail("reason=" + reason).build());
  }

  /** Releases the hold on {@code subject}. */
  public void release(SubjectId subject, String by) {
    holds.remove(subject);
    audit.record(AuditEvent.builder().actor(by).action("legal-hold.release")
        .outcome(AuditOutcome.SUCCESS).origin("legal").resource("subject/" + subject.value())
        .build());
  }

  /** The reason {@code subject} is held, if they are. */
  public Optional<String> reason(SubjectId subject) {
    return Optional.ofNullable(holds.get(subject));
  }
}
