package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deletes personal data whose retention period has ended, in every registered store, unless a
 * legal hold covers the subject; reports what it did. Run it daily from a scheduler of your own
 * (it starts nothing itself). Each deletion and each failure is audited.
 *
 * <p>Thread-safe as long as the stores are; runs are idempotent.
 */
public final class RetentionJob {
  private final List<PersonalDataStore> stores;
  private final RetentionPolicy policy;
  private final LegalHolds holds;
  private final AuditSink audit;

  private RetentionJob(List<PersonalDataStore> stores, RetentionPolicy policy, LegalHolds holds,
      AuditSink audit) {
    this.stores = List.copyOf(stores);
    this.policy = policy;
    this.holds = holds;
    this.audit = audit;
  }

  /** Creates a job over {@code stores}. */
  public static RetentionJob create(List<PersonalDataStore> stores, RetentionPolicy policy,
      LegalHolds holds, AuditSink audit) {
    return new RetentionJob(stores, Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(holds, "holds"), Objects.requireNonNull(audit, "audit"));
  }

  /** Runs once as of {@code now} and reports what it deleted, kept on hold and could not reach. */
  public Report run(Instant now) {
    int deleted = 0;
    int held = 0;
    int unmanaged = 0;
    List<String> failures = new ArrayList<>();
    Instant cutoff = now.minus(policy.shortest());
    for (PersonalDataStore s : stores) {
      List<PersonalRecord> candidates;
      try {
        candidates = s.collectedBefore(cutoff);
      } catch (IOException e) {
        failures.add(s.name() + ": " + e.getMessage());
        continue;
      }
      for (PersonalRecord r : candidates) {
        Duration period = policy.period(r.category(), r.region());
        if (period == null) {
          unmanaged++;
          continue;
        }
        if (!r.collected().plus(period).isBefore(now)) {
          continue;
        }
        if (holds.reason(r.subject()).isPresent()) {
          held++;
          continue;
        }
        try {
          if (s.deleteRecord(r.id())) {
            deleted++;
            audit(s.name() + "/" + r.id(), AuditOutcome.SUCCESS,
                "category=" + r.category() + " region=" + r.region() + " period=" + period);
          }
        } catch (IOException e) {
          failures.add(s.name() + "/" + r.id() + ": " + e.getMessage());
          audit(s.name() + "/" + r.id(), AuditOutcome.FAILURE, "delete failed");
        }
      }
    }
    return new Report(deleted, held, unmanaged, failures);
  }

  private void audit(String resource, AuditOutcome outcome, String detail) {
    audit.record(AuditEvent.builder().actor("retention-job").action("retention.delete")
        .outcome(outcome).origin("retention").resource(resource).detail(detail).build());
  }

  /** What one run did. Immutable. */
  public static final class Report {
    private final int deleted;
    private final int held;
    private final int unmanaged;
    private final List<String> failures;

    Report(int deleted, int held, int unmanaged, List<String> failures) {
      this.deleted = deleted;
      this.held = held;
      this.unmanaged = unmanaged;
      this.failures = List.copyOf(failures);
    }

    /** Records deleted. */
    public int deleted() {
      return deleted;
    }

    /** Expired records kept because of a legal hold. */
    public int held() {
      return held;
    }

    /** Old records of a category with no retention rule. */
    public int unmanaged() {
      return unmanaged;
    }

    /** Stores or records that could not be reached; the next run retries them. */
    public List<String> failures() {
      return failures;
    }

    @Override
    public String toString() {
      return "RetentionReport{deleted=" + deleted + ", held=" + held + ", unmanaged=" + unmanaged
          + ", failures=" + failures.size() + "}";
    }
  }
}
