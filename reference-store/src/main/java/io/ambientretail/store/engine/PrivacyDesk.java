package io.ambientretail.store.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.AmbientException;
import io.ambientretail.privacy.ConsentRegistry;
import io.ambientretail.privacy.Purpose;
import io.ambientretail.privacy.SubjectId;
import io.ambientretail.privacy.audit.AuditSink;
import io.ambientretail.privacy.dsr.DsrKind;
import io.ambientretail.privacy.dsr.DsrOrchestrator;
import io.ambientretail.privacy.dsr.DsrRequest;
import io.ambientretail.privacy.dsr.DsrStatus;
import io.ambientretail.privacy.dsr.LegalHolds;
import io.ambientretail.privacy.dsr.PersonalDataStore;
import io.ambientretail.privacy.dsr.PersonalRecord;
import io.ambientretail.privacy.dsr.Regime;
import io.ambientretail.privacy.dsr.RetentionJob;
import io.ambientretail.privacy.dsr.RetentionPolicy;
import io.ambientretail.privacy.store.PrivacyStore;
import io.ambientretail.store.db.Database;
import io.ambientretail.store.pay.ReturningCards;
import io.ambientretail.store.privacy.AuditPseudonyms;
import io.ambientretail.store.privacy.StorePersonalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The store's data-subject requests and retention on sdk-privacy: a {@link DsrOrchestrator} and a
 * {@link RetentionJob} over the store's {@link PersonalDataStore}s (card data, session tracks,
 * receipts, audit pseudonyms and shopper tokens; see {@link StorePersonalData}). Access, export,
 * rectify, delete and object requests come from the API and the dashboard; every step is audited by
 * the orchestrator, and each request is kept in {@code dsr_requests} under the shopper's audit
 * pseudonym, never their reference, with its steps and proof of completion (the records an access
 * request found are returned, not kept).
 *
 * <p>Durable progress: with a {@link PrivacyStore} (the store's {@code privacy_*} tables), each
 * request's state and every store's step are kept as they happen, so a request that failed part-way
 * resumes after a restart and asks only the stores that failed ({@link #resume}, and {@link
 * #resumePending} once at start). Deletions erase the card's returning-card consent in the store's
 * one consent registry, objections are recorded in it.
 *
 * <p>Rectification: the store holds nothing a shopper gave it (no name, e-mail or phone); what it
 * holds is derived from the card or observed by its devices, and receipts are financial records
 * corrected by refunds. A rectify request is answered {@code REJECTED} with the named store's
 * reason ({@link StorePersonalData#whyNotRectifiable}), and the new value is not kept.
 *
 * <p>Identity: a request submitted by a principal with the DSR permission is taken as verified by
 * that operator (every request filed in {@code dsr_requests} was); a shopper may ask only about
 * themselves. Thread-safe.
 */
public final class PrivacyDesk {
  private static final String[] KINDS = {"access", "export", "rectify", "delete", "object"};

  private final StoreEngine store;
  private final Database db;
  private final Clock clock;
  private final DsrOrchestrator orchestrator;
  private final List<PersonalDataStore> stores;
  private final long openedMs;
  private final RetentionJob retention;
  private final Regime regime;
  private final AuditPseudonyms pseudonyms = new AuditPseudonyms();
  private final List<Consumer<String>> erasedListeners = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private volatile Map<String, Object> lastRetention = Map.of();

  /**
   * A desk over the store's records, auditing to {@code audit} and telling {@code consent} of
   * deletions and objections.
   */
  public PrivacyDesk(StoreEngine store, AuditSink audit, ConsentRegistry consent, Clock clock) {
    this(store, audit, consent, null, clock);
  }

  /**
   * A desk whose requests and legal holds are kept in {@code privacy} (null: in memory only),
   * auditing to {@code audit} and telling {@code consent}, the store's one consent registry, of
   * deletions and objections.
   *
   * @throws java.io.UncheckedIOException if the kept requests or holds cannot be read
   */
  public PrivacyDesk(
      StoreEngine store,
      AuditSink audit,
      ConsentRegistry consent,
      @Nullable PrivacyStore privacy,
      Clock clock) {
    this.store = store;
    this.db = store.database();
    this.clock = clock;
    this.stores =
        StorePersonalData.all(db, store.config().region(), consent, ReturningCards::subjectOf);
    DsrOrchestrator.Builder b =
        DsrOrchestrator.builder()
            .audit(audit)
            .clock(clock)
            .consent(consent)
            .identity(
                r -> filed(r.id()) ? Optional.empty() : Optional.of("requester not verified"));
    stores.forEach(b::store);
    LegalHolds holds;
    if (privacy != null) {
      b.progress(privacy);
      try {
        holds = LegalHolds.create(audit, privacy);
      } catch (IOException e) {
        throw new UncheckedIOException("legal holds cannot be read: " + e.getMessage(), e);
      }
    } else {
      holds = LegalHolds.create(audit);
    }
    this.orchestrator = b.build();
    this.retention =
        RetentionJob.create(stores, policy(store.config().privacy().retentionDays()), holds, audit);
    this.regime = regime(store.config().privacyRegime());
    this.openedMs = clock.millis();
  }

  /** True when a request with this id was filed by this desk (by a principal allowed to). */
  private boolean filed(String requestId) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT 1 FROM dsr_requests WHERE dsr_id = ?")) {
            q.setString(1, requestId);
            try (ResultSet r = q.executeQuery()) {
              return r.next();
            }
          }
        });
  }

  /** Tells {@code listener} the shopper reference of every shopper erased. */
  public void onErased(Consumer<String> listener) {
    erasedListeners.add(listener);
  }

  /**
   * Handles a request of {@code kind} (access, export, delete or its old name erasure) for a
   * shopper, verified by {@code operator}, now; returns its status.
   */
  public Map<String, Object> handle(String shopperRef, String kind, String operator) {
    return submit(shopperRef, kind, operator, Map.of());
  }

  /**
   * Submits and runs a request, verified by {@code by}. {@code extra} holds {@code store}, {@code
   * record}, {@code field} and {@code value} for rectify, {@code purpose} for object.
   *
   * @throws IllegalArgumentException for an unknown kind or a missing field (names it)
   * @throws AmbientException with {@link StoreEngine#NOT_FOUND} when the store holds nothing on the
   *     shopper for an access or export request
   */
  public Map<String, Object> submit(
      String shopperRef, String kind, String by, Map<String, String> extra) {
    DsrKind k = kind(kind);
    if (io.ambientretail.store.privacy.ReservedSubjects.isReserved(shopperRef)) {
      throw new IllegalArgumentException("shopper: not a shopper reference");
    }
    SubjectId subject = SubjectId.of(shopperRef);
    String id = store.ids().next("ds");
    Instant now = clock.instant();
    DsrRequest.Builder rb =
        DsrRequest.builder().id(id).subject(subject).kind(k).regime(regime).received(now);
    String refusal = null;
    if (k == DsrKind.RECTIFY) {
      String target = need(extra, "store");
      if (stores.stream().noneMatch(s -> s.name().equals(target))) {
        throw new IllegalArgumentException(
            "store: expected one of "
                + String.join(", ", stores.stream().map(PersonalDataStore::name).toList())
                + ", was '"
                + target
                + "'");
      }
      rb.rectify(target, need(extra, "record"), need(extra, "field"), need(extra, "value"));
      refusal = StorePersonalData.whyNotRectifiable(target).orElse(null);
    } else if (k == DsrKind.OBJECT) {
      rb.purpose(Purpose.of(need(extra, "purpose")));
    }
    DsrRequest request = rb.build();
    // a shopper the store knows has an audit pseudonym; asking about anyone else must not create
    // a record about them, so such a request is filed under a pseudonym that leads nowhere
    String pseudonym =
        db.tx(
            c -> {
              try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT 1 FROM sessions WHERE shopper_ref = ? UNION SELECT 1 FROM api_tokens WHERE"
                          + " shopper_ref = ?")) {
                q.setString(1, shopperRef);
                q.setString(2, shopperRef);
                try (ResultSet r = q.executeQuery()) {
                  if (r.next()) {
                    return pseudonyms.of(c, shopperRef, now.toEpochMilli());
                  }
                }
              }
              return pseudonyms.find(c, shopperRef).orElse("ps_none-" + id);
            });
    db.tx(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO dsr_requests (dsr_id,"
                      + " shopper_ref, kind, state, created_ms) VALUES (?,?,?,'RECEIVED',?)")) {
            p.setString(1, id);
            p.setString(2, pseudonym);
            p.setString(3, k.name().toLowerCase(Locale.ROOT));
            p.setLong(4, now.toEpochMilli());
            p.executeUpdate();
          }
          store
              .audit()
              .append(
                  c,
                  by,
                  "dsr.submitted",
                  "dsr/" + id,
                  "subject=" + pseudonym + " kind=" + k.name().toLowerCase(Locale.ROOT),
                  now.toEpochMilli());
          return null;
        });
    if (refusal != null) {
      return refuse(request, pseudonym, refusal, by);
    }
    orchestrator.submit(request);
    DsrStatus s = orchestrator.run(id);
    save(s, pseudonym);
    if (k == DsrKind.DELETE && s.state() == DsrStatus.State.COMPLETED) {
      erasedListeners.forEach(l -> l.accept(shopperRef));
    }
    if ((k == DsrKind.ACCESS || k == DsrKind.EXPORT)
        && s.state() == DsrStatus.State.COMPLETED
        && s.records().isEmpty()) {
      throw new AmbientException(
          StoreEngine.NOT_FOUND, "no records of shopper " + shopperRef + " (request " + id + ")");
    }
    return view(s, pseudonym, true);
  }

  /**
   * Answers a request the store cannot carry out with its reason: kept as {@code REJECTED} in
   * {@code dsr_requests} with the reason (and nothing the shopper asked to write) and audited.
   */
  private Map<String, Object> refuse(
      DsrRequest request, String pseudonym, String reason, String by) {
    Instant now = clock.instant();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dsr", request.id());
    m.put("subject", pseudonym);
    m.put("kind", request.kind().name().toLowerCase(Locale.ROOT));
    m.put("state", DsrStatus.State.REJECTED.name());
    m.put("due", request.due().toString());
    m.put("completedMs", now.toEpochMilli());
    m.put("refusal", reason);
    m.put("steps", List.of());
    String text;
    try {
      text = json.writeValueAsString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    db.tx(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE dsr_requests SET state = ?,"
                      + " completed_ms = ?, result = ? WHERE dsr_id = ?")) {
            p.setString(1, DsrStatus.State.REJECTED.name());
            p.setLong(2, now.toEpochMilli());
            p.setString(3, text);
            p.setString(4, request.id());
            p.executeUpdate();
          }
          store
              .audit()
              .append(
                  c,
                  by,
                  "dsr.refused",
                  "dsr/" + request.id(),
                  "kind="
                      + request.kind().name().toLowerCase(Locale.ROOT)
                      + " store="
                      + request.store()
                      + " field="
                      + request.field(),
                  now.toEpochMilli());
          return null;
        });
    return m;
  }

  /**
   * Resumes every request filed before this desk was made (before the restart) and left unfinished
   * (received or partial, kept in the privacy store): each asks only the stores that have not
   * answered yet. Returns how many ran; one that still fails stays partial for the next {@link
   * #resume}.
   */
  public int resumePending() {
    List<String> ids =
        db.read(
            c -> {
              List<String> out = new ArrayList<>();
              try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT dsr_id FROM dsr_requests WHERE state"
                          + " IN ('RECEIVED', 'PARTIAL') AND created_ms < ? ORDER BY created_ms")) {
                q.setLong(1, openedMs);
                try (ResultSet r = q.executeQuery()) {
                  while (r.next()) {
                    out.add(r.getString(1));
                  }
                }
              }
              return out;
            });
    int n = 0;
    for (String id : ids) {
      try {
        orchestrator.status(id);
      } catch (io.ambientretail.privacy.PrivacyException unknown) {
        continue; // filed but never handed to the orchestrator: nothing was asked yet
      }
      resume(id);
      n++;
    }
    return n;
  }

  /** Resumes a request that ended PARTIAL; returns its status. */
  public Map<String, Object> resume(String requestId) {
    DsrStatus s = status(requestId);
    String pseudonym = pseudonymOf(requestId);
    s = orchestrator.run(requestId);
    save(s, pseudonym);
    return view(s, pseudonym, true);
  }

  /** A request's status (in memory since this start, or as kept in the database). */
  public Map<String, Object> get(String requestId) {
    try {
      return view(status(requestId), pseudonymOf(requestId), true);
    } catch (AmbientException e) {
      return list().stream()
          .filter(m -> requestId.equals(m.get("dsr")))
          .findFirst()
          .orElseThrow(() -> e);
    }
  }

  /** The portable JSON answer of an access or export request run since this start. */
  public String export(String requestId) {
    DsrStatus s = status(requestId);
    if (s.records().isEmpty() && s.steps().stream().anyMatch(st -> st.records() > 0)) {
      throw new AmbientException(
          StoreEngine.NOT_FOUND,
          "request "
              + requestId
              + " ran before the"
              + " store restarted: the records it found were returned then and are not kept; submit"
              + " a new access request");
    }
    return orchestrator.exportJson(requestId);
  }

  private DsrStatus status(String requestId) {
    try {
      return orchestrator.status(requestId);
    } catch (io.ambientretail.privacy.PrivacyException e) {
      throw new AmbientException(
          StoreEngine.NOT_FOUND, "no request " + requestId + " since the store started");
    }
  }

  /** Requests handled, newest first. */
  public List<Map<String, Object>> list() {
    return db.read(
        c -> {
          List<Map<String, Object>> out = new ArrayList<>();
          try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT dsr_id, shopper_ref, kind, state,"
                          + " created_ms, completed_ms, result FROM dsr_requests ORDER BY created_ms DESC"
                          + " LIMIT 200");
              ResultSet r = q.executeQuery()) {
            while (r.next()) {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("dsr", r.getString(1));
              m.put("subject", r.getString(2));
              m.put("kind", r.getString(3));
              m.put("state", r.getString(4));
              m.put("createdMs", r.getLong(5));
              long done = r.getLong(6);
              m.put("completedMs", r.wasNull() ? null : done);
              String res = r.getString(7);
              if (res != null) {
                try {
                  com.fasterxml.jackson.databind.JsonNode j = json.readTree(res);
                  if (j.hasNonNull("refusal")) {
                    m.put("refusal", j.path("refusal").asText());
                  }
                  m.put("steps", j.path("steps"));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
              out.add(m);
            }
          }
          return out;
        });
  }

  /** Runs retention once as of now and keeps its report. */
  public Map<String, Object> applyRetention() {
    Instant now = clock.instant();
    RetentionJob.Report r = retention.run(now);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ranAt", now.toString());
    m.put("deleted", r.deleted());
    m.put("held", r.held());
    m.put("unmanaged", r.unmanaged());
    m.put("failures", r.failures());
    db.tx(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO retention_runs (run_ms, deleted,"
                      + " held, unmanaged, failures) VALUES (?,?,?,?,?)")) {
            p.setLong(1, now.toEpochMilli());
            p.setInt(2, r.deleted());
            p.setInt(3, r.held());
            p.setInt(4, r.unmanaged());
            String f = String.join("\n", r.failures());
            p.setString(5, f.length() > 4000 ? f.substring(0, 4000) : f);
            p.executeUpdate();
          }
          return null;
        });
    lastRetention = m;
    return m;
  }

  /** The report of the latest retention run (empty before the first). */
  public Map<String, Object> lastRetention() {
    return lastRetention;
  }

  private void save(DsrStatus s, String pseudonym) {
    Map<String, Object> v = view(s, pseudonym, false);
    String text;
    try {
      text = json.writeValueAsString(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    db.tx(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE dsr_requests SET state = ?,"
                      + " completed_ms = ?, result = ? WHERE dsr_id = ?")) {
            p.setString(1, s.state().name());
            if (s.completed().isPresent()) {
              p.setLong(2, s.completed().get().toEpochMilli());
            } else {
              p.setNull(2, java.sql.Types.BIGINT);
            }
            p.setString(3, text);
            p.setString(4, s.request().id());
            p.executeUpdate();
          }
          return null;
        });
  }

  private String pseudonymOf(String requestId) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT shopper_ref FROM dsr_requests WHERE dsr_id = ?")) {
            q.setString(1, requestId);
            try (ResultSet r = q.executeQuery()) {
              return r.next() ? r.getString(1) : "";
            }
          }
        });
  }

  private static Map<String, Object> view(DsrStatus s, String pseudonym, boolean withRecords) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dsr", s.request().id());
    m.put("subject", pseudonym);
    m.put("kind", s.request().kind().name().toLowerCase(Locale.ROOT));
    m.put("state", s.state().name());
    m.put("due", s.request().due().toString());
    s.completed().ifPresent(t -> m.put("completedMs", t.toEpochMilli()));
    s.refusal().ifPresent(r -> m.put("refusal", r));
    List<Map<String, Object>> steps = new ArrayList<>();
    for (DsrStatus.Step st : s.steps()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("store", st.store());
      sm.put("done", st.done());
      sm.put("records", st.records());
      st.error().ifPresent(e -> sm.put("error", e));
      steps.add(sm);
    }
    m.put("steps", steps);
    s.proof().ifPresent(p -> m.put("proof", p));
    if (withRecords && !s.records().isEmpty()) {
      Map<String, List<Map<String, Object>>> byStore = new LinkedHashMap<>();
      for (PersonalRecord r : s.records()) {
        Map<String, Object> rm = new LinkedHashMap<>();
        rm.put("id", r.id());
        rm.put("category", r.category().name());
        rm.put("collected", r.collected().toString());
        rm.put("fields", r.fields());
        byStore.computeIfAbsent(r.store(), x -> new ArrayList<>()).add(rm);
      }
      m.put("result", byStore);
    }
    return m;
  }

  private static DsrKind kind(String kind) {
    String k = kind.strip().toLowerCase(Locale.ROOT);
    if (k.equals("erasure")) {
      return DsrKind.DELETE;
    }
    for (String known : KINDS) {
      if (known.equals(k)) {
        return DsrKind.valueOf(k.toUpperCase(Locale.ROOT));
      }
    }
    throw new IllegalArgumentException(
        "kind: expected access, export, rectify, delete or object," + " was '" + kind + "'");
  }

  private static String need(Map<String, String> extra, String field) {
    String v = extra.get(field);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(field + ": required for this kind of request");
    }
    return v;
  }

  /** The configuration's retention days per record kind as an sdk-privacy policy. */
  static RetentionPolicy policy(Map<String, Integer> days) {
    RetentionPolicy.Builder b = RetentionPolicy.builder();
    Integer sessions = days.get("sessions");
    if (sessions != null) {
      b.keep(io.ambientretail.privacy.DataCategory.LOCATION_TRACK, Duration.ofDays(sessions));
      b.keep(
          io.ambientretail.privacy.DataCategory.FINANCIAL_TOKEN,
          Duration.ofDays(days.getOrDefault("cardData", sessions)));
    }
    Integer receipts = days.get("receipts");
    if (receipts != null) {
      b.keep(io.ambientretail.privacy.DataCategory.PURCHASE_HISTORY, Duration.ofDays(receipts));
    }
    return b.build();
  }

  private static Regime regime(String name) {
    for (Regime r :
        new Regime[] {
          Regime.GDPR,
          Regime.UK_GDPR,
          Regime.CCPA,
          Regime.PIPL,
          Regime.PDPA,
          Regime.LGPD,
          Regime.APPI
        }) {
      if (r.name().equalsIgnoreCase(name)) {
        return r;
      }
    }
    return Regime.of(name, Duration.ofDays(30));
  }
}
