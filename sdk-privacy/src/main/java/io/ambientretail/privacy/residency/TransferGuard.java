package io.ambientretail.privacy.residency;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import io.ambientretail.privacy.dsr.PersonalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides what a chain-wide sync may send where: splits records into those that may go to the
 * destination and those that may not, and writes every blocked record to the audit log (action
 * {@code transfer.blocked}), so a blocked transfer is never a silent drop.
 *
 * <p>Thread-safe.
 */
public final class TransferGuard {
  private final TransferRules rules;
  private final AuditSink audit;

  private TransferGuard(TransferRules rules, AuditSink audit) {
    this.rules = rules;
    this.audit = audit;
  }

  /** Creates a guard over {@code rules}, auditing to {@code audit}. */
  public static TransferGuard create(TransferRules rules, AuditSink audit) {
    return new TransferGuard(
        Objects.requireNonNull(rules, "rules"), Objects.requireNonNull(audit, "audit"));
  }

  /** The records that may be sent, and those blocked (each blocked one audited). */
  public Result filter(
      List<PersonalRecord> records, Region destination, String actor, String origin) {
    List<PersonalRecord> allowed = new ArrayList<>();
    List<PersonalRecord> blocked = new ArrayList<>();
    for (PersonalRecord r : records) {
      TransferDecision d = rules.decide(r.region(), destination);
      if (d.allowed()) {
        allowed.add(r);
      } else {
        blocked.add(r);
        audit.record(
            AuditEvent.builder()
                .actor(actor)
                .action("transfer.blocked")
                .outcome(AuditOutcome.FAILURE)
                .origin(origin)
                .resource(r.store() + "/" + r.id())
                .detail(
                    "from="
                        + r.region()
                        + " to="
                        + destination
                        + " no adequacy, clauses or"
                        + " assessment on file")
                .build());
      }
    }
    return new Result(allowed, blocked);
  }

  /** What {@link #filter} decided. Immutable. */
  public static final class Result {
    private final List<PersonalRecord> allowed;
    private final List<PersonalRecord> blocked;

    Result(List<PersonalRecord> allowed, List<PersonalRecord> blocked) {
      this.allowed = List.copyOf(allowed);
      this.blocked = List.copyOf(blocked);
    }

    /** Records that may be sent. */
    public List<PersonalRecord> allowed() {
      return allowed;
    }

    /** Records that must stay; each was audited. */
    public List<PersonalRecord> blocked() {
      return blocked;
    }
  }
}
