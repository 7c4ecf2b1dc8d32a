package io.ambientretail.privacy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchingAuditSinkTest {
  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T10:00:00Z"));
  private final ExecutorService writer = Executors.newSingleThreadExecutor();
  private final ExecutorService producers = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    writer.shutdownNow();
    producers.shutdownNow();
  }

  @Test
  void concurrentProducers_everyEventDurableOnceInOrderPerProducer() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("a.db"))) {
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
      }
      JdbcAuditStore store = JdbcAuditStore.create(c);
      AuditLog log = AuditLog.builder().name("l").store(store).clock(clock).build();
      BatchingAuditSink sink = BatchingAuditSink.create(log, writer, 1000);
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        int producer = p;
        done.add(
            producers.submit(
                () -> {
                  for (int i = 0; i < 2500; i++) {
                    sink.record(
                        AuditEvent.builder()
                            .actor("p" + producer)
                            .action("x")
                            .outcome(AuditOutcome.SUCCESS)
                            .origin("t")
                            .resource("r/" + i)
                            .build());
                  }
                  sink.flush(30, TimeUnit.SECONDS);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(sink.pending()).isZero();
      List<AuditEntry> all = store.read(0, 20_000);
      assertThat(all).hasSize(10_000);
      assertThat(AuditVerifier.verify(all).ok()).isTrue();
      for (int p = 0; p < 4; p++) {
        String actor = "p" + p;
        List<String> mine =
            all.stream()
                .filter(e -> e.event().actor().equals(actor))
                .map(e -> e.event().resource())
                .toList();
        assertThat(mine).hasSize(2500);
        for (int i = 0; i < mine.size(); i++) {
          assertThat(mine.get(i)).isEqualTo("r/" + i);
        }
      }
    }
  }

  @Test
  void storeFailure_flushReportsIt_thenRetryStoresEverythingOnce() throws Exception {
    InMemoryAuditStore inner = new InMemoryAuditStore();
    java.util.concurrent.atomic.AtomicBoolean fail =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    AuditStore flaky =
        new AuditStore() {
          @Override
          public void append(List<AuditEntry> batch) throws IOException {
            if (fail.get()) {
              throw new IOException("database is locked");
            }
            inner.append(batch);
          }

          @Override
          public long size() {
            return inner.size();
          }

          @Override
          public List<AuditEntry> read(long from, int max) {
            return inner.read(from, max);
          }
        };
    AuditLog log = AuditLog.builder().name("l").store(flaky).clock(clock).build();
    BatchingAuditSink sink = BatchingAuditSink.create(log, writer, 10);
    for (int i = 0; i < 25; i++) {
      sink.record(AuditFixtures.event(i));
    }
    assertThatThrownBy(() -> sink.flush(10, TimeUnit.SECONDS))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("locked");
    assertThat(sink.pending()).isEqualTo(25);
    fail.set(false);
    sink.flush(10, TimeUnit.SECONDS);
    assertThat(inner.size()).isEqualTo(25);
    List<AuditEntry> all = inner.read(0, 100);
    assertThat(AuditVerifier.verify(all).ok()).isTrue();
    for (int i = 0; i < 25; i++) {
      assertThat(all.get(i).event().resource()).isEqualTo("receipt/R-" + (1000 + i));
    }
  }

  @Test
  void flush_startedWhileTheFailingAttemptRuns_reportsTheFailureWithoutWaitingOutItsTimeout()
      throws Exception {
    InMemoryAuditStore inner = new InMemoryAuditStore();
    java.util.concurrent.CountDownLatch inAppend = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AuditStore locked =
        new AuditStore() {
          @Override
          public void append(List<AuditEntry> batch) throws IOException {
            inAppend.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IOException("database is locked");
          }

          @Override
          public long size() {
            return inner.size();
          }

          @Override
          public List<AuditEntry> read(long from, int max) {
            return inner.read(from, max);
          }
        };
    AuditLog log = AuditLog.builder().name("l").store(locked).clock(clock).build();
    BatchingAuditSink sink = BatchingAuditSink.create(log, writer, 10);
    sink.record(AuditFixtures.event(0));
    assertThat(inAppend.await(10, TimeUnit.SECONDS)).isTrue();
    ExecutorService flusher = Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.atomic.AtomicReference<Thread> flushThread =
          new java.util.concurrent.atomic.AtomicReference<>();
      Future<Long> took =
          flusher.submit(
              () -> {
                flushThread.set(Thread.currentThread());
                long start = System.nanoTime();
                assertThatThrownBy(() -> sink.flush(20, TimeUnit.SECONDS))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("locked");
                return System.nanoTime() - start;
              });
      // Let the failing attempt finish only once the flush is waiting for it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (flushThread.get() == null
          || flushThread.get().getState() != Thread.State.TIMED_WAITING) {
        assertThat(System.nanoTime()).as("flush is waiting").isLessThan(deadline);
        Thread.onSpinWait();
      }
      release.countDown();
      assertThat(took.get(15, TimeUnit.SECONDS)).isLessThan(TimeUnit.SECONDS.toNanos(15));
      assertThat(sink.pending()).isEqualTo(1);
    } finally {
      flusher.shutdownNow();
    }
  }
}
