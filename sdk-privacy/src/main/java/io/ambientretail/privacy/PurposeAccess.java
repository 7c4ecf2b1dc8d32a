package io.ambientretail.privacy;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import java.util.Objects;

/**
 * The purpose check other modules call on every use of personal data: "may I use this category of
 * data about this subject for this purpose?" It combines the {@link PurposePolicy} (is the use
 * declared, on which basis) with the {@link ConsentRegistry} (consent given, not withdrawn; no
 * objection). {@link #decide} allocates nothing and takes well under a microsecond; {@link #check}
 * also writes the decision to the audit log.
 *
 * <p>Thread-safe; a withdrawal is seen by every decision that starts after it returned.
 */
public final class PurposeAccess {
  private final PurposePolicy policy;
  private final ConsentRegistry consent;
  private final AuditSink audit;

  private PurposeAccess(PurposePolicy policy, ConsentRegistry consent, AuditSink audit) {
    this.policy = policy;
    this.consent = consent;
    this.audit = audit;
  }

  /** Creates the check over a policy and a consent registry, auditing to {@code audit}. */
  public static PurposeAccess create(
      PurposePolicy policy, ConsentRegistry consent, AuditSink audit) {
    return new PurposeAccess(
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(consent, "consent"),
        Objects.requireNonNull(audit, "audit"));
  }

  /** Decides without auditing: for hot paths that audit the access itself. */
  public AccessDecision decide(SubjectId subject, DataCategory category, Purpose purpose) {
    LegalBasis basis = policy.basis(category, purpose);
    if (basis == null) {
      return AccessDecision.DENIED_UNDECLARED;
    }
    switch (basis) {
      case CONSENT:
        return consent.consents(subject, purpose)
            ? AccessDecision.ALLOWED_BY_CONSENT
            : AccessDecision.DENIED_NO_CONSENT;
      case LEGITIMATE_INTEREST:
        return consent.objected(subject, purpose)
            ? AccessDecision.DENIED_OBJECTED
            : AccessDecision.ALLOWED;
      default:
        return AccessDecision.ALLOWED;
    }
  }

  /** Decides and audits the decision (action {@code purpose.check}) for {@code actor}. */
  public AccessDecision check(
      String actor, SubjectId subject, DataCategory category, Purpose purpose, String origin) {
    AccessDecision d = decide(subject, category, purpose);
    audit.record(
        AuditEvent.builder()
            .actor(actor)
            .action("purpose.check")
            .outcome(d.allowed() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
            .origin(origin)
            .resource("subject/" + subject.value() + "/" + category.name())
            .detail("purpose=" + purpose.name() + " decision=" + d.name())
            .build());
    return d;
  }

  @Override
  public String toString() {
    return "PurposeAccess{" + policy + "}";
  }
}
