package io.ambientretail.store.web;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditOutcome;
import io.ambientretail.privacy.audit.AuditSink;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Audits failed API authentications (PCI DSS 10.2.1.4) as counted summaries per source and minute,
 * so that a flood of bad tokens grows the audit log by a bounded number of entries instead of one
 * per request.
 *
 * <p>In each minute (wall-clock, UTC) the first failure of a source is audited at once, as before
 * ({@code auth.token}, failure, detail {@code no token} or {@code unknown token}); the rest of that
 * minute is counted and audited as one {@code auth.token} entry whose detail starts with {@code
 * summary:} when the minute is over ({@link #flush}). At most {@code sourcesPerMinute} sources are
 * tracked in a minute; failures from further sources share one summary with the origin {@code api
 * (other sources)}. So a minute writes at most {@code 2 × sourcesPerMinute + 1} entries, and the
 * memory held is that of {@code sourcesPerMinute} counters, whatever the request rate.
 *
 * <p>Thread-safe. Audit entries are written outside the lock, by the caller's thread.
 */
final class FailedAuthAuditor implements AutoCloseable {
  /** Why an authentication failed. */
  enum Reason {
    /** No token was presented. */
    NO_TOKEN("no token"),
    /** The token is not one the store knows. */
    UNKNOWN_TOKEN("unknown token"),
    /** The source was over its rate limit; the token was not looked at. */
    RATE_LIMITED("rate-limited");

    private final String label;

    Reason(String label) {
      this.label = label;
    }
  }

  static final String OTHER_SOURCES = "api (other sources)";
  private static final long MINUTE_MS = 60_000L;

  private final AuditSink sink;
  private final int sourcesPerMinute;
  private final LongSupplier millis;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private Tally others;
  private long minute = Long.MIN_VALUE;

  /**
   * An auditor writing to {@code sink}.
   *
   * @param millis the wall clock in milliseconds since the epoch
   */
  FailedAuthAuditor(AuditSink sink, int sourcesPerMinute, LongSupplier millis) {
    if (sourcesPerMinute < 1) {
      throw new IllegalArgumentException("sourcesPerMinute must be at least 1");
    }
    this.sink = sink;
    this.sourcesPerMinute = sourcesPerMinute;
    this.millis = millis;
  }

  /**
   * Counts one failed authentication from {@code origin} (such as {@code api 127.0.0.1}) at {@code
   * path}; audits it at once when it is the source's first this minute.
   */
  void failed(String origin, String path, Reason reason) {
    List<AuditEvent> out = new ArrayList<>(2);
    synchronized (this) {
      long now = millis.getAsLong();
      rollOver(now / MINUTE_MS, out);
      Tally t = tallies.get(origin);
      if (t == null && tallies.size() < sourcesPerMinute) {
        t = new Tally(origin, clip(path));
        tallies.put(origin, t);
        if (reason != Reason.RATE_LIMITED) {
          out.add(first(origin, t.path, reason));
        } else {
          t.count(reason);
        }
      } else {
        if (t == null) {
          if (others == null) {
            others = new Tally(OTHER_SOURCES, "/api");
          }
          t = others;
        }
        t.count(reason);
      }
    }
    write(out);
  }

  /** Audits the summaries of every minute that is over by now. */
  void flush() {
    List<AuditEvent> out = new ArrayList<>();
    synchronized (this) {
      rollOver(millis.getAsLong() / MINUTE_MS, out);
    }
    write(out);
  }

  /** How many sources are tracked in the current minute (at most {@code sourcesPerMinute}). */
  synchronized int trackedSources() {
    return tallies.size();
  }

  /** Audits what the current minute counted so far (at shutdown). */
  @Override
  public void close() {
    List<AuditEvent> out = new ArrayList<>();
    synchronized (this) {
      drain(out);
    }
    write(out);
  }

  private void rollOver(long nowMinute, List<AuditEvent> out) {
    if (nowMinute != minute) {
      drain(out);
      minute = nowMinute;
    }
  }

  private void drain(List<AuditEvent> out) {
    for (Tally t : tallies.values()) {
      if (t.total() > 0) {
        out.add(summary(t));
      }
    }
    if (others != null && others.total() > 0) {
      out.add(summary(others));
    }
    tallies.clear();
    others = null;
  }

  private AuditEvent first(String origin, String path, Reason reason) {
    return AuditEvent.builder()
        .actor("anonymous")
        .action("auth.token")
        .outcome(AuditOutcome.FAILURE)
        .origin(origin)
        .resource(path)
        .detail(reason.label)
        .build();
  }

  private AuditEvent summary(Tally t) {
    Instant from = Instant.ofEpochMilli(minute * MINUTE_MS).truncatedTo(ChronoUnit.MINUTES);
    StringBuilder d =
        new StringBuilder("summary: ")
            .append(t.total())
            .append(t == others ? " failed authentications" : " more failed authentications")
            .append(" in the minute from ")
            .append(from)
            .append(" (");
    String sep = "";
    for (Reason r : Reason.values()) {
      long n = t.counts[r.ordinal()];
      if (n > 0) {
        d.append(sep).append(r.label).append(": ").append(n);
        sep = ", ";
      }
    }
    d.append(')');
    return AuditEvent.builder()
        .actor("anonymous")
        .action("auth.token")
        .outcome(AuditOutcome.FAILURE)
        .origin(t.origin)
        .resource(t.path)
        .detail(d.toString())
        .build();
  }

  private void write(List<AuditEvent> events) {
    for (AuditEvent e : events) {
      sink.record(e);
    }
  }

  private static String clip(String path) {
    return path.length() > 200 ? path.substring(0, 200) : path;
  }

  /** One source's failures in the current minute, past its first. */
  private static final class Tally {
    final String origin;
    final String path;
    final long[] counts = new long[Reason.values().length];

    Tally(String origin, String path) {
      this.origin = origin;
      this.path = path;
    }

    void count(Reason r) {
      counts[r.ordinal()]++;
    }

    long total() {
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      return n;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "FailedAuthAuditor{sources=%d}", trackedSources());
  }
}
