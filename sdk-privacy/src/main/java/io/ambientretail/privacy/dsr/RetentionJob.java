package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.DataCategory;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Ends personal data whose retention period is over, in every registered store: deletes it, or,
 * where the {@link RetentionPolicy} says so, anonymises it in place (the record loses its subject
 * and identifiers, keeps what the policy lets it keep). A legal hold on the subject overrides both.
 * Reports what it did per category. Run it daily from a scheduler of your own (it starts nothing
 * itself). Each deletion, anonymisation and failure is audited.
 *
 * <p>Thread-safe as long as the stores are; runs are idempotent (an anonymised record is no longer
 * personal data, so the next run does not see it).
 */
public final class RetentionJob {
  private final List<PersonalDataStore> stores;
  private final RetentionPolicy policy;
  private final LegalHolds holds;
  private final AuditSink audit;

  private RetentionJob(
      List<PersonalDataStore> stores, RetentionPolicy policy, LegalHolds holds, AuditSink audit) {
    this.stores = List.copyOf(stores);
    this.policy = policy;
    this.holds = holds;
    this.audit = audit;
  }

  /** Creates a job over {@code stores}. */
  public static RetentionJob create(
      List<PersonalDataStore> stores, RetentionPolicy policy, LegalHolds holds, AuditSink audit) {
    return new RetentionJob(
        stores,
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(holds, "holds"),
        Objects.requireNonNull(audit, "audit"));
  }

  /**
   * Runs once as of {@code now} and reports what it deleted, anonymised, kept on hold and could not
   * reach.
   */
  public Report run(Instant now) {
    Map<DataCategory, int[]> counts = new TreeMap<>(Comparator.comparing(DataCategory::name));
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
        int[] c = counts.computeIfAbsent(r.category(), k -> new int[5]);
        Duration period = policy.period(r.category(), r.region());
        if (period == null) {
          c[UNMANAGED]++;
          continue;
        }
        if (!r.collected().plus(period).isBefore(now)) {
          continue;
        }
        if (holds.reason(r.subject()).isPresent()) {
          c[HELD]++;
          continue;
        }
        Anonymization how = policy.anonymization(r.category(), r.region());
        String resource = s.name() + "/" + r.id();
        String detail = "category=" + r.category() + " region=" + r.region() + " period=" + period;
        try {
          if (how == null) {
            if (s.deleteRecord(r.id())) {
              c[DELETED]++;
              audit("retention.delete", resource, AuditOutcome.SUCCESS, detail);
            }
          } else if (s.anonymizeRecord(r.id(), how.apply(r.fields()))) {
            c[ANONYMIZED]++;
            audit("retention.anonymize", resource, AuditOutcome.SUCCESS, detail);
          }
        } catch (IOException | UnsupportedOperationException e) {
          c[FAILED]++;
          failures.add(resource + ": " + e.getMessage());
          audit(
              how == null ? "retention.delete" : "retention.anonymize",
              resource,
              AuditOutcome.FAILURE,
              detail);
        }
      }
    }
    Map<DataCategory, CategoryReport> byCategory = new LinkedHashMap<>();
    counts.forEach(
        (k, c) ->
            byCategory.put(
                k,
                new CategoryReport(c[DELETED], c[ANONYMIZED], c[HELD], c[UNMANAGED], c[FAILED])));
    return new Report(byCategory, failures);
  }

  private static final int DELETED = 0;
  private static final int ANONYMIZED = 1;
  private static final int HELD = 2;
  private static final int UNMANAGED = 3;
  private static final int FAILED = 4;

  private void audit(String action, String resource, AuditOutcome outcome, String detail) {
    audit.record(
        AuditEvent.builder()
            .actor("retention-job")
            .action(action)
            .outcome(outcome)
            .origin("retention")
            .resource(resource)
            .detail(detail)
            .build());
  }

  /** What one run did to one category of data. Immutable. */
  public static final class CategoryReport {
    private final int deleted;
    private final int anonymized;
    private final int held;
    private final int unmanaged;
    private final int failed;

    CategoryReport(int deleted, int anonymized, int held, int unmanaged, int failed) {
      this.deleted = deleted;
      this.anonymized = anonymized;
      this.held = held;
      this.unmanaged = unmanaged;
      this.failed = failed;
    }

    /** Records deleted. */
    public int deleted() {
      return deleted;
    }

    /** Records anonymised in place. */
    public int anonymized() {
      return anonymized;
    }

    /** Expired records kept because of a legal hold. */
    public int held() {
      return held;
    }

    /** Old records with no retention rule. */
    public int unmanaged() {
      return unmanaged;
    }

    /** Expired records that could not be deleted or anonymised this run. */
    public int failed() {
      return failed;
    }

    @Override
    public String toString() {
      return "{deleted="
          + deleted
          + ", anonymized="
          + anonymized
          + ", held="
          + held
          + ", unmanaged="
          + unmanaged
          + ", failed="
          + failed
          + "}";
    }
  }

  /** What one run did. Immutable. */
  public static final class Report {
    private final Map<DataCategory, CategoryReport> byCategory;
    private final List<String> failures;

    Report(Map<DataCategory, CategoryReport> byCategory, List<String> failures) {
      this.byCategory = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byCategory));
      this.failures = List.copyOf(failures);
    }

    private int sum(java.util.function.ToIntFunction<CategoryReport> f) {
      return byCategory.values().stream().mapToInt(f).sum();
    }

    /** Records deleted. */
    public int deleted() {
      return sum(CategoryReport::deleted);
    }

    /** Records anonymised in place. */
    public int anonymized() {
      return sum(CategoryReport::anonymized);
    }

    /** Expired records kept because of a legal hold. */
    public int held() {
      return sum(CategoryReport::held);
    }

    /** Old records of a category with no retention rule. */
    public int unmanaged() {
      return sum(CategoryReport::unmanaged);
    }

    /** What the run did per category of data, by category name (categories it saw only). */
    public Map<DataCategory, CategoryReport> byCategory() {
      return byCategory;
    }

    /** Stores or records that could not be reached; the next run retries them. */
    public List<String> failures() {
      return failures;
    }

    @Override
    public String toString() {
      return "RetentionReport{deleted="
          + deleted()
          + ", anonymized="
          + anonymized()
          + ", held="
          + held()
          + ", unmanaged="
          + unmanaged()
          + ", failures="
          + failures.size()
          + ", "
          + byCategory
          + "}";
    }
  }
}
