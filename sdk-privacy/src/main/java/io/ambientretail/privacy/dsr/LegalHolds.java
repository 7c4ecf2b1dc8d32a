package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.PersonalData;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Legal holds: a subject's data that must be kept (litigation, a police request) whatever the
 * retention policy says. Placing and releasing a hold is audited. Thread-safe. Created with a
 * {@link LegalHoldStore}, every hold is durable in it before it takes effect (a failure is an
 * {@link UncheckedIOException} and changes nothing) and the holds kept there apply from the start;
 * without one, holds live in memory only.
 */
public final class LegalHolds {
  private final AuditSink audit;

  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final Map<SubjectId, String> holds = new ConcurrentHashMap<>();

  private final @Nullable LegalHoldStore store;

  private LegalHolds(AuditSink audit, @Nullable LegalHoldStore store) {
    this.audit = audit;
    this.store = store;
  }

  /** Creates an empty, in-memory set of holds auditing to {@code audit}. */
  public static LegalHolds create(AuditSink audit) {
    return new LegalHolds(Objects.requireNonNull(audit, "audit"), null);
  }

  /**
   * Creates holds kept in {@code store}, starting with those kept there.
   *
   * @throws IOException if the store cannot be read
   */
  public static LegalHolds create(AuditSink audit, LegalHoldStore store) throws IOException {
    LegalHolds h =
        new LegalHolds(
            Objects.requireNonNull(audit, "audit"), Objects.requireNonNull(store, "store"));
    h.holds.putAll(store.holds());
    return h;
  }

  /** Every subject held now, with the reason. */
  public Map<SubjectId, String> all() {
    return Map.copyOf(holds);
  }

  /** Holds {@code subject}'s data for {@code reason} (a case reference, never personal data). */
  public void place(SubjectId subject, String reason, String by) {
    Objects.requireNonNull(reason, "reason");
    if (store != null) {
      try {
        store.placeHold(subject, reason);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "legal hold was not stored, nothing changed: " + e.getMessage(), e);
      }
    }
    holds.put(subject, reason);
    audit.record(
        AuditEvent.builder()
            .actor(by)
            .action("legal-hold.place")
            .outcome(AuditOutcome.SUCCESS)
            .origin("legal")
            .resource("subject/" + subject.value())
            .detail("reason=" + reason)
            .build());
  }

  /** Releases the hold on {@code subject}. */
  public void release(SubjectId subject, String by) {
    if (store != null) {
      try {
        store.releaseHold(subject);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "legal hold release was not stored, the hold stays: " + e.getMessage(), e);
      }
    }
    holds.remove(subject);
    audit.record(
        AuditEvent.builder()
            .actor(by)
            .action("legal-hold.release")
            .outcome(AuditOutcome.SUCCESS)
            .origin("legal")
            .resource("subject/" + subject.value())
            .build());
  }

  /** The reason {@code subject} is held, if they are. */
  public Optional<String> reason(SubjectId subject) {
    return Optional.ofNullable(holds.get(subject));
  }
}
