package io.ambientretail.store.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void acquire_burstThenRefused_withTheSecondsUntilTheNextRequest() {
    ClientRateLimiter l = new ClientRateLimiter(3, 60, 100, nanos::get);
    assertThat(l.acquire("a")).isZero();
    assertThat(l.acquire("a")).isZero();
    assertThat(l.acquire("a")).isZero();
    // 60 a minute: one per second
    assertThat(l.acquire("a")).isEqualTo(1);
    assertThat(l.acquire("b")).as("another client has its own bucket").isZero();
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
    assertThat(l.acquire("a")).isEqualTo(1);
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
    assertThat(l.acquire("a")).isZero();
    assertThat(l.acquire("a")).isEqualTo(1);
  }

  @Test
  void acquire_slowRate_saysHowLongToWait() {
    ClientRateLimiter l = new ClientRateLimiter(1, 2, 100, nanos::get);
    assertThat(l.acquire("a")).isZero();
    assertThat(l.acquire("a")).isEqualTo(30);
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(20));
    assertThat(l.acquire("a")).isEqualTo(10);
  }

  @Test
  void acquire_sustainedRate_isThePerMinuteRate() {
    ClientRateLimiter l = new ClientRateLimiter(10, 600, 100, nanos::get);
    int allowed = 0;
    // one request every millisecond for a minute
    for (int i = 0; i < 60_000; i++) {
      nanos.addAndGet(1_000_000L);
      if (l.acquire("a") == 0) {
        allowed++;
      }
    }
    assertThat(allowed).isBetween(600, 611);
  }

  @Test
  void manyClients_keepAtMostMaxClientsBuckets() {
    ClientRateLimiter l = new ClientRateLimiter(5, 60, 1000, nanos::get);
    for (int i = 0; i < 100_000; i++) {
      l.acquire("api 10.0." + (i >> 8) + "." + (i & 255));
    }
    assertThat(l.trackedClients()).isLessThanOrEqualTo(1000);
  }

  @Test
  void idleClient_isForgottenOnceItsBucketWouldBeFull() {
    ClientRateLimiter l = new ClientRateLimiter(2, 60, 1000, nanos::get);
    l.acquire("a");
    l.acquire("a");
    assertThat(l.acquire("a")).isPositive();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));
    assertThat(l.trackedClients()).isZero();
    assertThat(l.acquire("a")).isZero();
  }
}
