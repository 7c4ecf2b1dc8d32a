package io.ambientretail.store.db;

import io.ambientretail.privacy.audit.AuditEntry;
import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditLog;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditVerification;
import io.ambientretail.privacy.audit.AuditVerifier;
import io.ambientretail.privacy.audit.CheckpointSigner;
import io.ambientretail.privacy.audit.JdbcAuditStore;
import io.ambientretail.privacy.audit.Sha256Hash;
import io.ambientretail.privacy.audit.SignedCheckpoint;
import io.ambientretail.store.privacy.AuditConnections;
import io.ambientretail.store.privacy.AuditPseudonyms;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The store's audit trail: a thin adapter over sdk-privacy's tamper-evident {@link AuditLog}, kept
 * in the store's own database by {@link JdbcAuditStore} (table {@code audit_log}, created by
 * migration V30 from sdk-privacy's DDL). {@code ambient audit export} and {@code ambient audit
 * verify} read and check it.
 *
 * <p>Every entry carries the PCI DSS 10.2.2 fields: who (actor), what (action), when (the entry's
 * time), success or failure (outcome), origin (the API client's address, or the store component)
 * and the affected resource. Append inside the transaction of the audited change, on its
 * connection: the entry commits atomically with the change and in the same durable write. If that
 * transaction rolls back, the next use finds the log's newest entry missing from the table and
 * reloads the log from the table.
 *
 * <p>Put pseudonyms, never shopper references, card data or names, in any field: the audit log is
 * kept longer than the data it describes and cannot be edited.
 *
 * <p>Thread-safe (synchronised); every method must be called on the database's connection while the
 * caller holds it (inside {@code Database.tx}).
 */
public final class AuditTrail {
  /**
   * One audit entry as the API shows it: {@code seq} is 0-based, {@code atMs} the time, {@code
   * target} the affected resource, hashes in hex.
   */
  public record Entry(
      long seq,
      long atMs,
      String actor,
      String action,
      String target,
      String detail,
      String prevHash,
      String hash,
      String outcome,
      String origin) {
    static Entry of(AuditEntry e) {
      AuditEvent ev = e.event();
      return new Entry(
          e.sequence(),
          e.time().toEpochMilli(),
          ev.actor(),
          ev.action(),
          ev.resource(),
          ev.detail(),
          e.previousHash().hex(),
          e.hash().hex(),
          ev.outcome().name(),
          ev.origin());
    }
  }

  /** The hash before the first entry (32 zero bytes, in hex). */
  public static final String GENESIS = AuditEntry.GENESIS.hex();

  /** Where an entry comes from when no request set an origin: the store itself. */
  public static final String DEFAULT_ORIGIN = "store";

  private static final int PAGE = 10_000;

  /**
   * A shopper reference ({@code sh_...} with consent, {@code sv_...} for one visit without) or card
   * fingerprint ({@code fp_...}) of the store.
   */
  private static final Pattern SUBJECT =
      Pattern.compile("(?<![A-Za-z0-9_-])(sh|fp|sv)_([A-Za-z0-9_-]{6,})");

  private final AuditPseudonyms pseudonyms = new AuditPseudonyms();

  private final StampClock clock = new StampClock();
  private final ThreadLocal<String> origin = new ThreadLocal<>();
  private String name = "ambient-store/audit";
  private @Nullable Connection boundTo;
  private @Nullable AuditLog log;

  /** A trail named {@code ambient-store/audit} until {@link #name(String)} says otherwise. */
  public AuditTrail() {}

  /**
   * Names the log (the origin line of its signed checkpoints), such as {@code S001/audit}.
   *
   * @throws IllegalArgumentException for a blank name
   */
  public synchronized void name(String logName) {
    if (logName.isBlank()) {
      throw new IllegalArgumentException("audit log name: required");
    }
    if (!logName.equals(name)) {
      name = logName;
      log = null;
    }
  }

  /**
   * Runs {@code work} with {@code where} (such as {@code api 127.0.0.1}) as the origin of every
   * entry this thread appends meanwhile.
   */
  public <T> T withOrigin(String where, Supplier<T> work) {
    String before = origin.get();
    origin.set(where);
    try {
      return work.get();
    } finally {
      if (before == null) {
        origin.remove();
      } else {
        origin.set(before);
      }
    }
  }

  /** Sets this thread's origin until {@link #clearOrigin()} (for request filters). */
  public void enterOrigin(String where) {
    origin.set(where);
  }

  /** Clears this thread's origin. */
  public void clearOrigin() {
    origin.remove();
  }

  /**
   * Appends an entry for a successful action (or a failed one when {@code action} ends in {@code
   * .denied}, {@code .failed} or {@code .declined}) and returns it; the origin is this thread's
   * (see {@link #withOrigin}) or {@link #DEFAULT_ORIGIN}.
   */
  public Entry append(
      Connection c, String actor, String action, String target, String detail, long nowMs)
      throws SQLException {
    String a = action.toLowerCase(Locale.ROOT);
    AuditOutcome outcome =
        a.endsWith(".denied") || a.endsWith(".failed") || a.endsWith(".declined")
            ? AuditOutcome.FAILURE
            : AuditOutcome.SUCCESS;
    String o = origin.get();
    return append(
        c,
        AuditEvent.builder()
            .actor(clean(actor, AuditEvent.MAX_ACTOR))
            .action(clean(action, AuditEvent.MAX_ACTION))
            .outcome(outcome)
            .origin(clean(o == null ? DEFAULT_ORIGIN : o, AuditEvent.MAX_ORIGIN))
            .resource(clean(target, AuditEvent.MAX_RESOURCE))
            .detail(detail.isEmpty() ? "" : clean(detail, AuditEvent.MAX_DETAIL))
            .build(),
        nowMs);
  }

  /**
   * Appends an event (for sdk-privacy components reporting to the store's log). A shopper reference
   * or card fingerprint in any field is replaced by the shopper's audit pseudonym ({@code
   * shopper:ps_...}), so erasing the shopper leaves nothing in the log that leads to them.
   */
  public synchronized Entry append(Connection c, AuditEvent event, long nowMs) throws SQLException {
    AuditEvent safe = pseudonymised(c, event, nowMs);
    AuditLog l = log(c);
    clock.at(nowMs);
    try {
      return Entry.of(l.append(safe));
    } catch (IOException | RuntimeException e) {
      log = null;
      throw new SQLException("audit: " + e.getMessage(), e);
    }
  }

  /** Entries oldest first with {@code seq > afterSeq} (-1 for all), at most {@code limit}. */
  public synchronized List<Entry> list(Connection c, long afterSeq, int limit) throws SQLException {
    List<Entry> out = new ArrayList<>();
    for (AuditEntry e : read(c, Math.max(0, afterSeq + 1), limit)) {
      out.add(Entry.of(e));
    }
    return out;
  }

  /** The newest entries, newest first. */
  public synchronized List<Entry> recent(Connection c, int limit) throws SQLException {
    long size = log(c).size();
    long from = Math.max(0, size - limit);
    List<Entry> out = new ArrayList<>();
    for (AuditEntry e : read(c, from, limit)) {
      out.add(0, Entry.of(e));
    }
    return out;
  }

  /**
   * The newest entries whose action is not in {@code skipActions}, newest first, looking back at
   * most {@code lookBack} entries.
   */
  public synchronized List<Entry> recent(
      Connection c, int limit, java.util.Set<String> skipActions, int lookBack)
      throws SQLException {
    long size = log(c).size();
    long floor = Math.max(0, size - lookBack);
    List<Entry> out = new ArrayList<>();
    long end = size;
    while (out.size() < limit && end > floor) {
      long from = Math.max(floor, end - 500);
      List<AuditEntry> page = read(c, from, (int) (end - from));
      for (int i = page.size() - 1; i >= 0 && out.size() < limit; i--) {
        if (!skipActions.contains(page.get(i).event().action())) {
          out.add(Entry.of(page.get(i)));
        }
      }
      end = from;
    }
    return out;
  }

  /** The number of entries. */
  public synchronized long size(Connection c) throws SQLException {
    return log(c).size();
  }

  /** Checks the whole table; returns the seq of the first bad entry, or -1 when intact. */
  public synchronized long firstBroken(Connection c) throws SQLException {
    AuditVerification v = verify(c);
    return v.ok() ? -1 : v.firstBadEntry();
  }

  /** Checks every stored entry with sdk-privacy's {@link AuditVerifier}. */
  public synchronized AuditVerification verify(Connection c) throws SQLException {
    AuditVerifier verifier = new AuditVerifier();
    long from = 0;
    try {
      JdbcAuditStore store = JdbcAuditStore.open(AuditConnections.joined(c));
      while (true) {
        List<AuditEntry> page = store.read(from, PAGE);
        for (AuditEntry e : page) {
          if (!verifier.add(e)) {
            return verifier.result();
          }
        }
        from += page.size();
        if (page.size() < PAGE) {
          return verifier.result();
        }
      }
    } catch (IOException e) {
      verifier.unreadable("entry " + from + " on: " + e.getMessage());
      return verifier.result();
    }
  }

  /**
   * Signs a checkpoint of the log as committed now: call it outside any other transaction.
   *
   * @throws GeneralSecurityException if signing fails
   */
  public synchronized SignedCheckpoint signCheckpoint(Connection c, CheckpointSigner signer)
      throws SQLException, GeneralSecurityException {
    return log(c).signCheckpoint(signer);
  }

  /**
   * Signs a checkpoint of the log as committed now and keeps it in sdk-privacy's table {@code
   * audit_checkpoint} ({@link AuditLog#publishCheckpoint}), where {@code ambient audit export}
   * finds it: call it outside any other transaction.
   *
   * @throws GeneralSecurityException if signing fails
   * @throws SQLException if it cannot be kept (or a different checkpoint of the same size and key
   *     is kept already: the log forked)
   */
  public synchronized SignedCheckpoint publishCheckpoint(Connection c, CheckpointSigner signer)
      throws SQLException, GeneralSecurityException {
    try {
      return log(c).publishCheckpoint(signer, JdbcAuditStore.open(AuditConnections.joined(c)));
    } catch (IOException | RuntimeException e) {
      throw new SQLException("audit checkpoint: " + e.getMessage(), e);
    }
  }

  /** The signed checkpoints kept in {@code audit_checkpoint}, by tree size then key name. */
  public synchronized List<SignedCheckpoint> checkpoints(Connection c) throws SQLException {
    try {
      return JdbcAuditStore.open(AuditConnections.joined(c)).checkpoints();
    } catch (IOException e) {
      throw new SQLException("audit checkpoints: " + e.getMessage(), e);
    }
  }

  private List<AuditEntry> read(Connection c, long from, int limit) throws SQLException {
    try {
      return JdbcAuditStore.open(AuditConnections.joined(c)).read(from, limit);
    } catch (IOException e) {
      throw new SQLException("audit: " + e.getMessage(), e);
    }
  }

  /** The log, (re)loaded when it is not bound to {@code c} or the table lost its newest entry. */
  private AuditLog log(Connection c) throws SQLException {
    AuditLog l = log;
    if (l != null && c == boundTo && inStep(c, l)) {
      return l;
    }
    try {
      l =
          AuditLog.builder()
              .name(name)
              .clock(clock)
              .store(JdbcAuditStore.open(AuditConnections.joined(c)))
              .build();
    } catch (IOException | RuntimeException e) {
      throw new SQLException("audit: cannot open the audit log: " + e.getMessage(), e);
    }
    boundTo = c;
    log = l;
    return l;
  }

  private static boolean inStep(Connection c, AuditLog l) throws SQLException {
    try (PreparedStatement q =
            c.prepareStatement("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        ResultSet r = q.executeQuery()) {
      if (!r.next()) {
        return l.size() == 0;
      }
      return r.getLong(1) == l.size() - 1
          && Sha256Hash.parse(r.getString(2).strip()).equals(l.head());
    }
  }

  private AuditEvent pseudonymised(Connection c, AuditEvent ev, long nowMs) throws SQLException {
    String actor = pseudonymised(c, ev.actor(), nowMs);
    String resource = pseudonymised(c, ev.resource(), nowMs);
    String detail = pseudonymised(c, ev.detail(), nowMs);
    if (actor == ev.actor() && resource == ev.resource() && detail == ev.detail()) {
      return ev;
    }
    return AuditEvent.builder()
        .actor(clean(actor, AuditEvent.MAX_ACTOR))
        .action(ev.action())
        .outcome(ev.outcome())
        .origin(ev.origin())
        .resource(clean(resource, AuditEvent.MAX_RESOURCE))
        .detail(detail.isEmpty() ? "" : clean(detail, AuditEvent.MAX_DETAIL))
        .build();
  }

  /** {@code text} with each shopper reference or fingerprint replaced, or {@code text} itself. */
  private String pseudonymised(Connection c, String text, long nowMs) throws SQLException {
    if (!text.contains("sh_") && !text.contains("fp_") && !text.contains("sv_")) {
      return text;
    }
    Matcher m = SUBJECT.matcher(text);
    StringBuilder b = null;
    int last = 0;
    while (m.find()) {
      if (b == null) {
        b = new StringBuilder(text.length());
      }
      b.append(text, last, m.start());
      // a fingerprint and its consented shopper reference share their core: one pseudonym
      String key = (m.group(1).equals("sv") ? "sv_" : "sh_") + m.group(2);
      b.append("shopper:").append(pseudonyms.of(c, key, nowMs));
      last = m.end();
    }
    if (b == null) {
      return text;
    }
    return b.append(text, last, text.length()).toString();
  }

  private static String clean(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char ch = s.charAt(i);
      b.append(ch < 0x20 || ch == 0x7f || Character.isSurrogate(ch) ? ' ' : ch);
    }
    return b.length() == 0 ? "-" : b.toString();
  }

  /** The log's clock: stamps each entry with the time its caller passed. */
  private static final class StampClock extends Clock {
    private volatile long ms;

    void at(long nowMs) {
      ms = nowMs;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(ms);
    }
  }
}
