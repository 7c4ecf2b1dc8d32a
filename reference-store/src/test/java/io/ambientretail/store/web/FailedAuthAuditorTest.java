package io.ambientretail.store.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedAuthAuditorTest {
  /** Records what it was given. */
  private static final class RecordingSink implements AuditSink {
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
      events.add(event);
    }
  }

  private final RecordingSink sink = new RecordingSink();
  // 2026-12-07T22:50:00Z
  private final AtomicLong millis = new AtomicLong(1_796_683_800_000L);

  @Test
  void firstFailureOfAMinute_isAuditedAtOnce_theRestAsOneCountedSummary() {
    FailedAuthAuditor a = new FailedAuthAuditor(sink, 10, millis::get);
    a.failed("api 127.0.0.1", "/api/receipts", FailedAuthAuditor.Reason.UNKNOWN_TOKEN);
    assertThat(sink.events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("auth.token");
              assertThat(e.detail()).isEqualTo("unknown token");
              assertThat(e.origin()).isEqualTo("api 127.0.0.1");
              assertThat(e.resource()).isEqualTo("/api/receipts");
            });
    for (int i = 0; i < 9_999; i++) {
      a.failed(
          "api 127.0.0.1",
          "/api/x",
          i % 3 == 0 ? FailedAuthAuditor.Reason.NO_TOKEN : FailedAuthAuditor.Reason.UNKNOWN_TOKEN);
    }
    a.flush();
    assertThat(sink.events).hasSize(1);
    millis.addAndGet(60_000);
    a.flush();
    assertThat(sink.events).hasSize(2);
    assertThat(sink.events.get(1).detail())
        .isEqualTo(
            "summary: 9999 more failed authentications in the minute from 2026-12-07T22:50:00Z"
                + " (no token: 3333, unknown token: 6666)");
    a.flush();
    assertThat(sink.events).hasSize(2);
  }

  @Test
  void floodFromManySources_writesAtMostTwicePerTrackedSourcePlusOne_perMinute() {
    int perMinute = 50;
    FailedAuthAuditor a = new FailedAuthAuditor(sink, perMinute, millis::get);
    int minutes = 5;
    for (int m = 0; m < minutes; m++) {
      for (int i = 0; i < 20_000; i++) {
        a.failed("api 10.0." + (i % 700), "/api/status", FailedAuthAuditor.Reason.UNKNOWN_TOKEN);
        assertThat(a.trackedSources()).isLessThanOrEqualTo(perMinute);
      }
      millis.addAndGet(60_000);
    }
    a.close();
    assertThat(sink.events).hasSize(minutes * (2 * perMinute + 1));
    assertThat(sink.events)
        .filteredOn(e -> e.origin().equals(FailedAuthAuditor.OTHER_SOURCES))
        .hasSize(minutes)
        .allSatisfy(
            e -> assertThat(e.detail()).startsWith("summary: 18550 failed authentications"));
  }

  @Test
  void rateLimitedRequests_areCountedInTheSummary_notAuditedOneByOne() {
    FailedAuthAuditor a = new FailedAuthAuditor(sink, 10, millis::get);
    for (int i = 0; i < 500; i++) {
      a.failed("api 127.0.0.1", "/api/status", FailedAuthAuditor.Reason.RATE_LIMITED);
    }
    assertThat(sink.events).isEmpty();
    a.close();
    assertThat(sink.events)
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).endsWith("(rate-limited: 500)"));
  }
}
