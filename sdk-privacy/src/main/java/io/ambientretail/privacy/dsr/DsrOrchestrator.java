package io.ambientretail.privacy.dsr;

import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.PrivacyException;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Runs data-subject requests across every registered {@link PersonalDataStore}: verifies the
 * requester's identity, then asks each store in turn, records each step, and reports honestly.
 *
 * <p>Requests are idempotent and resumable: submitting an id again returns the same request (a
 * different request under a used id is refused); {@link #run} re-runs only the steps not done, so
 * after a store failure it resumes from the step that failed. A request is {@link
 * DsrStatus.State#COMPLETED} only when every store answered; otherwise {@link
 * DsrStatus.State#PARTIAL} with each failed store named. Every step is audited ({@code dsr.<kind>}
 * per store, {@code dsr.complete} with the proof digest). A DELETE also erases the subject's
 * consent state.
 *
 * <p>Thread-safe; one request runs at a time per id. Built with a {@link DsrProgressStore}, each
 * request, its state and every step are saved as they happen and reloaded on build, so after a
 * restart {@link #run} resumes from the step that failed (a store failure is an {@link
 * UncheckedIOException}; steps are idempotent, so a step whose result was not saved simply runs
 * again). Records found for access and export are not saved: after a restart, {@link #run} reads
 * them again. Without a progress store, state is in memory only.
 */
public final class DsrOrchestrator {
  private final List<PersonalDataStore> stores;
  private final AuditSink audit;
  private final Clock clock;
  private final IdentityVerifier identity;
  private final ConsentRegistry consent;
  private final Map<String, Progress> requests = new ConcurrentHashMap<>();
  private final @Nullable DsrProgressStore progressStore;

  private static final class Progress {
    final DsrRequest request;
    final Map<String, DsrStatus.Step> steps = new LinkedHashMap<>();
    final Map<String, List<PersonalRecord>> found = new LinkedHashMap<>();
    DsrStatus.State state = DsrStatus.State.RECEIVED;
    String refusal;
    Instant completed;
    String proof;

    Progress(DsrRequest request) {
      this.request = request;
    }
  }

  private DsrOrchestrator(Builder b) {
    this.stores = List.copyOf(b.stores);
    this.audit = b.audit;
    this.clock = b.clock;
    this.identity = b.identity;
    this.consent = b.consent;
    this.progressStore = b.progressStore;
  }

  private void load() {
    if (progressStore == null) {
      return;
    }
    List<DsrStatus> kept;
    try {
      kept = progressStore.requests();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load data-subject requests: " + e.getMessage(), e);
    }
    for (DsrStatus st : kept) {
      Progress p = new Progress(st.request());
      p.state = st.state();
      for (DsrStatus.Step step : st.steps()) {
        p.steps.put(step.store(), step);
      }
      p.refusal = st.refusal().orElse(null);
      p.completed = st.completed().orElse(null);
      p.proof = st.proof().orElse(null);
      requests.put(st.request().id(), p);
    }
  }

  private void save(Progress p) {
    if (progressStore == null) {
      return;
    }
    try {
      progressStore.saveRequest(snapshot(p));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "progress of request " + p.request.id() + " was not saved: " + e.getMessage(), e);
    }
  }

  private static boolean readsRecords(DsrRequest r) {
    return r.kind() == DsrKind.ACCESS || r.kind() == DsrKind.EXPORT;
  }

  /** Whether {@code prior} stands: done, and for access and export its records are at hand. */
  private static boolean stands(Progress p, DsrStatus.@Nullable Step prior) {
    return prior != null
        && prior.done()
        && (!readsRecords(p.request) || p.found.containsKey(prior.store()));
  }

  /** Starts configuring. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Accepts a request, or returns the existing one with the same id.
   *
   * @throws PrivacyException with {@link PrivacyException#DSR_INVALID} if the id was used for a
   *     different request
   */
  public DsrStatus submit(DsrRequest request) {
    Progress p =
        requests.computeIfAbsent(
            request.id(),
            id -> {
              Progress fresh = new Progress(request);
              save(fresh);
              record(
                  request, "dsr.received", AuditOutcome.SUCCESS, "request", "due=" + request.due());
              return fresh;
            });
    if (!p.request.sameAs(request)) {
      throw new PrivacyException(
          PrivacyException.DSR_INVALID,
          "request id " + request.id() + " is already used for another request");
    }
    return status(request.id());
  }

  /**
   * Runs (or resumes) a request and returns its status.
   *
   * @throws PrivacyException with {@link PrivacyException#DSR_INVALID} if the id is unknown
   */
  public DsrStatus run(String requestId) {
    Progress p = progress(requestId);
    synchronized (p) {
      if (p.state == DsrStatus.State.COMPLETED && readsRecords(p.request)) {
        rereadAfterRestart(p);
      }
      if (p.state == DsrStatus.State.COMPLETED || p.state == DsrStatus.State.REJECTED) {
        return snapshot(p);
      }
      DsrRequest r = p.request;
      if (p.state == DsrStatus.State.RECEIVED) {
        Optional<String> refusal = identity.refusal(r);
        if (refusal.isPresent()) {
          p.state = DsrStatus.State.REJECTED;
          p.refusal = refusal.get();
          save(p);
          record(r, "dsr.identity", AuditOutcome.FAILURE, "request", "identity not verified");
          return snapshot(p);
        }
        record(r, "dsr.identity", AuditOutcome.SUCCESS, "request", "");
      }
      for (PersonalDataStore s : stores) {
        DsrStatus.Step prior = p.steps.get(s.name());
        if (stands(p, prior)) {
          continue;
        }
        p.steps.put(s.name(), step(p, s));
        save(p);
      }
      if (r.kind() == DsrKind.DELETE) {
        int erased = consent.erase(r.subject());
        p.steps.put("consent", new DsrStatus.Step("consent", true, erased, null));
        save(p);
      } else if (r.kind() == DsrKind.OBJECT) {
        consent.object(r.subject(), Objects.requireNonNull(r.purpose()), "dsr:" + r.id());
        p.steps.put("consent", new DsrStatus.Step("consent", true, 1, null));
        save(p);
      }
      boolean all = p.steps.values().stream().allMatch(DsrStatus.Step::done);
      if (all) {
        p.state = DsrStatus.State.COMPLETED;
        p.completed = clock.instant();
        p.proof = proof(p);
        String digest = p.proof.substring(p.proof.lastIndexOf(' ') + 1);
        save(p);
        record(r, "dsr.complete", AuditOutcome.SUCCESS, "request", "proof=" + digest);
      } else {
        p.state = DsrStatus.State.PARTIAL;
        save(p);
      }
      return snapshot(p);
    }
  }

  private DsrStatus.Step step(Progress p, PersonalDataStore s) {
    DsrRequest r = p.request;
    String action = "dsr." + r.kind().name().toLowerCase(Locale.ROOT);
    try {
      int n;
      switch (r.kind()) {
        case ACCESS:
        case EXPORT:
          List<PersonalRecord> found = s.find(r.subject());
          p.found.put(s.name(), found);
          n = found.size();
          break;
        case DELETE:
          n = s.delete(r.subject());
          if (!s.find(r.subject()).isEmpty()) {
            throw new IOException("store still returns records after deleting them");
          }
          break;
        case RECTIFY:
          if (!s.name().equals(r.store())) {
            return new DsrStatus.Step(s.name(), true, 0, null);
          }
          s.rectify(
              r.subject(),
              Objects.requireNonNull(r.recordId()),
              Objects.requireNonNull(r.field()),
              Objects.requireNonNull(r.value()));
          n = 1;
          break;
        default:
          n = 0;
          break;
      }
      record(r, action, AuditOutcome.SUCCESS, s.name(), "records=" + n);
      return new DsrStatus.Step(s.name(), true, n, null);
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      record(r, action, AuditOutcome.FAILURE, s.name(), "error=" + oneLine(why));
      return new DsrStatus.Step(s.name(), false, 0, why);
    }
  }

  /**
   * After a restart a completed access or export request has its steps but not its records: read
   * them again from the stores (reading is safe to repeat). A store that cannot answer now is left
   * out; running the request again later tries it again.
   */
  private void rereadAfterRestart(Progress p) {
    for (PersonalDataStore s : stores) {
      DsrStatus.Step prior = p.steps.get(s.name());
      if (prior != null && prior.done() && !p.found.containsKey(s.name())) {
        try {
          p.found.put(s.name(), s.find(p.request.subject()));
        } catch (IOException | RuntimeException e) {
          record(
              p.request,
              "dsr.reread",
              AuditOutcome.FAILURE,
              s.name(),
              "error="
                  + oneLine(
                      e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
      }
    }
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("[\\p{Cntrl}]", " ");
    return t.length() > 200 ? t.substring(0, 200) : t;
  }

  /**
   * The current status of a request.
   *
   * @throws PrivacyException with {@link PrivacyException#DSR_INVALID} if the id is unknown
   */
  public DsrStatus status(String requestId) {
    Progress p = progress(requestId);
    synchronized (p) {
      return snapshot(p);
    }
  }

  /**
   * The portable JSON answer to an ACCESS or EXPORT request: the subject, when it was made, and
   * every record grouped by store with its category, region, collection time and fields.
   *
   * @throws PrivacyException with {@link PrivacyException#DSR_INVALID} unless the request is an
   *     ACCESS or EXPORT that has run
   */
  public String exportJson(String requestId) {
    DsrStatus s = status(requestId);
    if (s.request().kind() != DsrKind.ACCESS && s.request().kind() != DsrKind.EXPORT
        || s.state() == DsrStatus.State.RECEIVED
        || s.state() == DsrStatus.State.REJECTED) {
      throw new PrivacyException(
          PrivacyException.DSR_INVALID, "request " + requestId + " has no records to export");
    }
    StringBuilder b = new StringBuilder(256);
    b.append("{\"subject\":");
    Json.string(b, s.request().subject().value());
    b.append(",\"request\":");
    Json.string(b, requestId);
    b.append(",\"complete\":").append(s.state() == DsrStatus.State.COMPLETED);
    b.append(",\"records\":[");
    boolean first = true;
    for (PersonalRecord r : s.records()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append("{\"store\":");
      Json.string(b, r.store());
      b.append(",\"id\":");
      Json.string(b, r.id());
      b.append(",\"category\":");
      Json.string(b, r.category().name());
      b.append(",\"region\":");
      Json.string(b, r.region().code());
      b.append(",\"collected\":");
      Json.string(b, r.collected().toString());
      b.append(",\"fields\":{");
      boolean f1 = true;
      for (Map.Entry<String, String> e : r.fields().entrySet()) {
        if (!f1) {
          b.append(',');
        }
        f1 = false;
        Json.string(b, e.getKey());
        b.append(':');
        Json.string(b, e.getValue());
      }
      b.append("}}");
    }
    b.append("],\"unanswered\":[");
    first = true;
    for (DsrStatus.Step st : s.steps()) {
      if (!st.done()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        Json.string(b, st.store());
      }
    }
    return b.append("]}").toString();
  }

  private Progress progress(String requestId) {
    Progress p = requests.get(requestId);
    if (p == null) {
      throw new PrivacyException(PrivacyException.DSR_INVALID, "no request " + requestId);
    }
    return p;
  }

  private static DsrStatus snapshot(Progress p) {
    List<PersonalRecord> records = new ArrayList<>();
    p.found.values().forEach(records::addAll);
    return new DsrStatus(
        p.request,
        p.state,
        new ArrayList<>(p.steps.values()),
        records,
        p.refusal,
        p.completed,
        p.proof);
  }

  private static String proof(Progress p) {
    StringBuilder lines = new StringBuilder();
    lines
        .append("request ")
        .append(p.request.id())
        .append(' ')
        .append(p.request.kind())
        .append(" completed ")
        .append(p.completed)
        .append('\n');
    for (DsrStatus.Step s : p.steps.values()) {
      lines.append(s.store()).append(": ").append(s.records()).append('\n');
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(lines.toString().getBytes(StandardCharsets.UTF_8));
      return lines + "sha256 " + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private void record(
      DsrRequest r, String action, AuditOutcome outcome, String origin, String detail) {
    audit.record(
        AuditEvent.builder()
            .actor("dsr-orchestrator")
            .action(action)
            .outcome(outcome)
            .origin(origin)
            .resource("dsr/" + r.id())
            .detail(detail)
            .build());
  }

  @Override
  public String toString() {
    return "DsrOrchestrator{" + stores.size() + " stores, " + requests.size() + " requests}";
  }

  /** Configures a {@link DsrOrchestrator}; not thread-safe. */
  public static final class Builder {
    private final List<PersonalDataStore> stores = new ArrayList<>();
    private AuditSink audit;
    private Clock clock;
    private IdentityVerifier identity;
    private ConsentRegistry consent;
    private @Nullable DsrProgressStore progressStore;

    private Builder() {}

    /**
     * Keeps every request and its progress in {@code store}; {@link #build} loads the requests kept
     * there.
     */
    public Builder progress(DsrProgressStore store) {
      this.progressStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Registers a store; names must be unique. */
    public Builder store(PersonalDataStore store) {
      stores.add(Objects.requireNonNull(store, "store"));
      return this;
    }

    /** Sets where steps are audited. */
    public Builder audit(AuditSink audit) {
      this.audit = audit;
      return this;
    }

    /** Sets the clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Sets the identity verification hook. */
    public Builder identity(IdentityVerifier identity) {
      this.identity = identity;
      return this;
    }

    /** Sets the consent registry (erased on DELETE, told of OBJECT). */
    public Builder consent(ConsentRegistry consent) {
      this.consent = consent;
      return this;
    }

    /**
     * Builds the orchestrator.
     *
     * @throws IllegalStateException if a part is missing or two stores share a name
     * @throws UncheckedIOException if the progress store cannot be read
     */
    public DsrOrchestrator build() {
      if (audit == null || clock == null || identity == null || consent == null) {
        throw new IllegalStateException("needs audit, clock, identity verifier and consent");
      }
      if (stores.stream().map(PersonalDataStore::name).distinct().count() != stores.size()) {
        throw new IllegalStateException("two stores share a name");
      }
      DsrOrchestrator o = new DsrOrchestrator(this);
      o.load();
      return o;
    }
  }
}
