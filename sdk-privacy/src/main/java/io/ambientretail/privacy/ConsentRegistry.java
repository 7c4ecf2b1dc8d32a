package io.ambientretail.privacy;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Who consented to what: versioned notices, grants, withdrawals and objections per subject and
 * purpose, with proof of each ({@link ConsentRecord}, also written to the audit log).
 *
 * <p>Withdrawal takes effect everywhere at once: there is one registry per store, checks read it
 * directly (no cache), and a withdrawal is visible to every check that starts after {@link
 * #withdraw} returns. Components that hold work in flight (a marketing send queue) also register a
 * {@link #onChange listener}, which runs before {@code withdraw} returns.
 *
 * <p>A subject's state is replaced atomically, so a check racing a withdrawal sees either the old
 * or the new state, never a mix. Thread-safe. Created with a {@link ConsentStore}, every record is
 * durable in it before it takes effect (a failure is an {@link UncheckedIOException} and changes
 * nothing) and the registry reloads them on start; without one, state is in memory only (then
 * {@link #replay} records kept elsewhere on start). Notices are configuration: publish them again
 * on every start.
 */
public final class ConsentRegistry {
  private final Clock clock;
  private final AuditSink audit;
  private final Map<String, List<ConsentNotice>> notices = new ConcurrentHashMap<>();

  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final Map<SubjectId, SubjectConsent> subjects = new ConcurrentHashMap<>();

  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final Map<SubjectId, List<ConsentRecord>> history = new ConcurrentHashMap<>();

  private final List<Consumer<ConsentRecord>> listeners = new CopyOnWriteArrayList<>();
  private final @Nullable ConsentStore store;

  /** One subject's current state: immutable, replaced as a whole. */
  private static final class SubjectConsent {
    static final SubjectConsent NONE = new SubjectConsent(Set.of(), Set.of());
    final Set<Purpose> consented;
    final Set<Purpose> objected;

    SubjectConsent(Set<Purpose> consented, Set<Purpose> objected) {
      this.consented = consented;
      this.objected = objected;
    }
  }

  private ConsentRegistry(Clock clock, AuditSink audit, @Nullable ConsentStore store) {
    this.clock = clock;
    this.audit = audit;
    this.store = store;
  }

  /**
   * Creates an empty, in-memory registry stamping records with {@code clock}, auditing to {@code
   * audit}.
   */
  public static ConsentRegistry create(Clock clock, AuditSink audit) {
    return new ConsentRegistry(
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(audit, "audit"), null);
  }

  /**
   * Creates a registry that keeps every record in {@code store} and starts from the records kept
   * there (replayed oldest first, not audited again).
   *
   * @throws IOException if the store cannot be read
   */
  public static ConsentRegistry create(Clock clock, AuditSink audit, ConsentStore store)
      throws IOException {
    ConsentRegistry r =
        new ConsentRegistry(
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(audit, "audit"),
            Objects.requireNonNull(store, "store"));
    r.replay(store.consentRecords());
    return r;
  }

  /**
   * Publishes a notice version; versions of one notice must be published in increasing order.
   *
   * @throws PrivacyException if the version is not above the latest published one
   */
  public synchronized void publish(ConsentNotice notice) {
    List<ConsentNotice> versions =
        notices.computeIfAbsent(notice.id(), k -> new CopyOnWriteArrayList<>());
    if (!versions.isEmpty() && versions.get(versions.size() - 1).version() >= notice.version()) {
      throw new PrivacyException(
          PrivacyException.CONSENT_UNKNOWN,
          "notice "
              + notice.id()
              + " v"
              + notice.version()
              + " is not newer than the published v"
              + versions.get(versions.size() - 1).version());
    }
    versions.add(notice);
  }

  /**
   * The latest version of a notice.
   *
   * @throws PrivacyException if no version of it is published
   */
  public ConsentNotice latest(String noticeId) {
    List<ConsentNotice> v = notices.get(noticeId);
    if (v == null || v.isEmpty()) {
      throw new PrivacyException(
          PrivacyException.CONSENT_UNKNOWN, "no notice '" + noticeId + "' is published");
    }
    return v.get(v.size() - 1);
  }

  private ConsentNotice notice(String noticeId, int version) {
    for (ConsentNotice n : notices.getOrDefault(noticeId, List.of())) {
      if (n.version() == version) {
        return n;
      }
    }
    throw new PrivacyException(
        PrivacyException.CONSENT_UNKNOWN,
        "notice '" + noticeId + "' has no published version " + version);
  }

  /**
   * Records that {@code subject} consented, after reading version {@code version} of notice {@code
   * noticeId}, to {@code purposes} (which must all be asked for in that notice).
   *
   * @throws PrivacyException if the notice version is unknown or a purpose is not in it
   */
  public List<ConsentRecord> grant(
      SubjectId subject, String noticeId, int version, Set<Purpose> purposes, String channel) {
    ConsentNotice n = notice(noticeId, version);
    for (Purpose p : purposes) {
      if (!n.purposes().contains(p)) {
        throw new PrivacyException(
            PrivacyException.CONSENT_UNKNOWN,
            "notice '"
                + noticeId
                + "' v"
                + version
                + " does not ask consent for purpose "
                + p.name());
      }
    }
    List<ConsentRecord> out = new ArrayList<>();
    for (Purpose p : purposes) {
      out.add(
          apply(
              new ConsentRecord(
                  subject,
                  p,
                  ConsentRecord.Action.GRANT,
                  noticeId,
                  version,
                  channel,
                  clock.instant())));
    }
    return out;
  }

  /** Records that {@code subject} withdrew consent for {@code purpose}; effective on return. */
  public ConsentRecord withdraw(SubjectId subject, Purpose purpose, String channel) {
    return apply(
        new ConsentRecord(
            subject, purpose, ConsentRecord.Action.WITHDRAW, "", 0, channel, clock.instant()));
  }

  /** Records an objection to legitimate-interest processing for {@code purpose}. */
  public ConsentRecord object(SubjectId subject, Purpose purpose, String channel) {
    return apply(
        new ConsentRecord(
            subject, purpose, ConsentRecord.Action.OBJECT, "", 0, channel, clock.instant()));
  }

  /** Re-applies stored records (oldest first) on start, without auditing them again. */
  public void replay(List<ConsentRecord> records) {
    for (ConsentRecord r : records) {
      change(r);
    }
  }

  private ConsentRecord apply(ConsentRecord r) {
    if (store != null) {
      try {
        store.appendConsent(r);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "consent record was not stored, nothing changed: " + e.getMessage(), e);
      }
    }
    audit.record(
        AuditEvent.builder()
            .actor(r.subject().value())
            .action("consent." + r.action().name().toLowerCase(java.util.Locale.ROOT))
            .outcome(AuditOutcome.SUCCESS)
            .origin(r.channel())
            .resource("consent/" + r.purpose().name())
            .detail(
                r.noticeId().isEmpty() ? "" : "notice=" + r.noticeId() + " v" + r.noticeVersion())
            .build());
    change(r);
    for (Consumer<ConsentRecord> l : listeners) {
      l.accept(r);
    }
    return r;
  }

  private void change(ConsentRecord r) {
    subjects.compute(
        r.subject(),
        (s, now) -> {
          SubjectConsent c = now == null ? SubjectConsent.NONE : now;
          Set<Purpose> consented = new HashSet<>(c.consented);
          Set<Purpose> objected = new HashSet<>(c.objected);
          switch (r.action()) {
            case GRANT:
              consented.add(r.purpose());
              objected.remove(r.purpose());
              break;
            case WITHDRAW:
              consented.remove(r.purpose());
              break;
            default:
              consented.remove(r.purpose());
              objected.add(r.purpose());
              break;
          }
          history.computeIfAbsent(s, k -> new CopyOnWriteArrayList<>()).add(r);
          return new SubjectConsent(Set.copyOf(consented), Set.copyOf(objected));
        });
  }

  /** Whether {@code subject} consents to {@code purpose} now. Lock-free. */
  public boolean consents(SubjectId subject, Purpose purpose) {
    SubjectConsent c = subjects.get(subject);
    return c != null && c.consented.contains(purpose);
  }

  /** Whether {@code subject} objected to {@code purpose}. Lock-free. */
  public boolean objected(SubjectId subject, Purpose purpose) {
    SubjectConsent c = subjects.get(subject);
    return c != null && c.objected.contains(purpose);
  }

  /** Every consent record of {@code subject}, oldest first: the proof a regulator asks for. */
  public List<ConsentRecord> history(SubjectId subject) {
    return List.copyOf(history.getOrDefault(subject, List.of()));
  }

  /**
   * Forgets a subject entirely (after an erasure request), in the store too; returns how many
   * records went.
   *
   * @throws UncheckedIOException if the store could not erase them; then nothing was forgotten
   */
  public int erase(SubjectId subject) {
    int kept = 0;
    if (store != null) {
      try {
        kept = store.eraseConsent(subject);
      } catch (IOException e) {
        throw new UncheckedIOException("consent records were not erased: " + e.getMessage(), e);
      }
    }
    int[] n = {kept};
    subjects.compute(
        subject,
        (s, now) -> {
          List<ConsentRecord> h = history.remove(s);
          n[0] = Math.max(n[0], h == null ? 0 : h.size());
          return null;
        });
    return n[0];
  }

  /** Subjects with any consent state, for data-subject request discovery. */
  public Set<SubjectId> subjects() {
    return Set.copyOf(subjects.keySet());
  }

  /** Runs {@code listener} on every grant, withdrawal and objection before the call returns. */
  public void onChange(Consumer<ConsentRecord> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  Map<String, Integer> latestVersions() {
    Map<String, Integer> m = new HashMap<>();
    notices.forEach((k, v) -> m.put(k, v.get(v.size() - 1).version()));
    return m;
  }

  @Override
  public String toString() {
    return "ConsentRegistry{" + subjects.size() + " subjects, notices " + latestVersions() + "}";
  }
}
