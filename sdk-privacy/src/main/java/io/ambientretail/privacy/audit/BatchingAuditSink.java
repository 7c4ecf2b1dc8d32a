package io.ambientretail.privacy.audit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AuditSink} that group-commits: events from any number of threads are queued and written
 * to the {@link AuditLog} in batches (one durable transaction each) on the executor you give it.
 * {@link #flush} waits until everything recorded before it is durable; {@link #recordDurably} is
 * record-then-flush, so concurrent callers share one commit.
 *
 * <p>Nothing is dropped: when the log fails, the batch is kept and retried on the next record or
 * flush, and {@link #flush} reports the failure. Thread-safe.
 */
public final class BatchingAuditSink implements AuditSink {
  private final AuditLog log;
  private final Executor executor;
  private final int maxBatch;
  private final ConcurrentLinkedQueue<AuditEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong recorded = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progress = lock.newCondition();
  private long durable;
  private @Nullable IOException failure;

  /** Append attempts started so far; guarded by {@code lock}. */
  private long attempts;

  /** The number of the latest attempt that failed (0 for none); guarded by {@code lock}. */
  private long lastFailedAttempt;

  private List<AuditEvent> retry = List.of();

  private BatchingAuditSink(AuditLog log, Executor executor, int maxBatch) {
    this.log = log;
    this.executor = executor;
    this.maxBatch = maxBatch;
  }

  /**
   * Creates a sink writing to {@code log} on {@code executor}, at most {@code maxBatch} entries per
   * transaction.
   *
   * @throws IllegalArgumentException if {@code maxBatch} is below 1
   */
  public static BatchingAuditSink create(AuditLog log, Executor executor, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    return new BatchingAuditSink(
        Objects.requireNonNull(log, "log"), Objects.requireNonNull(executor, "executor"), maxBatch);
  }

  @Override
  public void record(AuditEvent event) {
    queue.add(Objects.requireNonNull(event, "event"));
    recorded.incrementAndGet();
    schedule();
  }

  /**
   * Records {@code event} and waits until it is durable.
   *
   * @throws IOException if the log could not store it in time or failed
   */
  public void recordDurably(AuditEvent event, long timeout, TimeUnit unit) throws IOException {
    record(event);
    flush(timeout, unit);
  }

  /**
   * Waits until every event recorded before this call is durable in the log.
   *
   * @throws IOException if the log failed (the events are kept and retried) or the time ran out
   */
  public void flush(long timeout, TimeUnit unit) throws IOException {
    long target = recorded.get();
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    long attemptsBefore;
    lock.lock();
    try {
      attemptsBefore = attempts;
    } finally {
      lock.unlock();
    }
    schedule();
    lock.lock();
    try {
      while (durable < target) {
        // Only an attempt that started after this flush began speaks for it: an older attempt
        // may have failed before the caller removed the cause.
        if (lastFailedAttempt > attemptsBefore && failure != null) {
          throw new IOException(
              "audit events are not durable yet: " + failure.getMessage(), failure);
        }
        if (failure != null && lastFailedAttempt == attempts && !draining.get()) {
          // The attempt already running when this flush began failed and nothing retries:
          // start one that speaks for this flush (otherwise it would wait out its timeout).
          lock.unlock();
          try {
            schedule();
          } finally {
            lock.lock();
          }
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new InterruptedIOException(
              "audit events not durable within "
                  + timeout
                  + " "
                  + unit.name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
          progress.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the audit log");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** The number of events recorded but not yet durable. */
  public long pending() {
    lock.lock();
    try {
      return recorded.get() - durable;
    } finally {
      lock.unlock();
    }
  }

  private void schedule() {
    if (draining.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    while (true) {
      List<AuditEvent> batch = retry;
      if (batch.isEmpty()) {
        batch = new ArrayList<>(Math.min(maxBatch, 1024));
        AuditEvent e;
        while (batch.size() < maxBatch && (e = queue.poll()) != null) {
          batch.add(e);
        }
      }
      if (batch.isEmpty()) {
        draining.set(false);
        if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      long attempt = startAttempt();
      long before = log.size();
      try {
        log.appendAll(batch);
        retry = List.of();
        signal(batch.size());
      } catch (IOException | RuntimeException ex) {
        if (log.size() >= before + batch.size()) {
          // The store kept the batch although it reported a failure; the log caught up.
          retry = List.of();
          signal(batch.size());
          continue;
        }
        retry = batch;
        IOException io = ex instanceof IOException ? (IOException) ex : new IOException(ex);
        // Stop draining before waking the flushers, so a flush that retries at once can start
        // a new drain.
        draining.set(false);
        fail(attempt, io);
        return;
      }
    }
  }

  private long startAttempt() {
    lock.lock();
    try {
      return ++attempts;
    } finally {
      lock.unlock();
    }
  }

  private void signal(int stored) {
    lock.lock();
    try {
      durable += stored;
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void fail(long attempt, IOException f) {
    lock.lock();
    try {
      failure = f;
      lastFailedAttempt = Math.max(lastFailedAttempt, attempt);
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "BatchingAuditSink{" + log.name() + ", " + pending() + " pending}";
  }
}
