package io.ambientretail.core.internal;

import io.ambientretail.core.OverflowPolicy;
import io.ambientretail.core.StoreEvent;
import io.ambientretail.core.SubscribeOptions;
import io.ambientretail.core.Subscription;
import io.ambientretail.core.SubscriptionStats;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's bounded queue and its serial delivery loop: at most one delivery task per
 * subscription runs at a time, so events reach the subscriber in queue order.
 */
public final class QueuedSubscription<P> implements Subscription, Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(QueuedSubscription.class);
  private static final int BATCH = 256;

  private final String name;
  private final Consumer<? super StoreEvent<P>> subscriber;
  private final OverflowPolicy policy;
  private final Duration blockTimeout;
  private final ArrayBlockingQueue<StoreEvent<P>> queue;
  private final Executor executor;
  private final Consumer<QueuedSubscription<P>> onClose;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Object idle = new Object();
  private volatile boolean closed;

  /** Creates the subscription; {@code onClose} unregisters it from its bus. */
  public QueuedSubscription(
      String name,
      Consumer<? super StoreEvent<P>> subscriber,
      SubscribeOptions options,
      Executor executor,
      Consumer<QueuedSubscription<P>> onClose) {
    this.name = name;
    this.subscriber = subscriber;
    this.policy = options.overflow();
    this.blockTimeout = options.blockTimeout();
    this.queue = new ArrayBlockingQueue<>(options.capacity());
    this.executor = executor;
    this.onClose = onClose;
  }

  /** Queues an event (the bus has checked its type); returns false when it was dropped. */
  @SuppressWarnings("unchecked")
  public boolean offer(StoreEvent<?> event) {
    if (closed) {
      return false;
    }
    StoreEvent<P> e = (StoreEvent<P>) event;
    boolean queued;
    switch (policy) {
      case DROP_OLDEST:
        queued = queue.offer(e);
        while (!queued) {
          if (queue.poll() != null) {
            dropped.incrementAndGet();
          }
          queued = queue.offer(e);
        }
        break;
      case BLOCK_PUBLISHER:
        schedule(); // make sure the queue is being drained while we wait
        try {
          queued = queue.offer(e, blockTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          queued = false;
        }
        if (!queued) {
          dropped.incrementAndGet();
        }
        break;
      case DROP_NEWEST:
      default:
        queued = queue.offer(e);
        if (!queued) {
          dropped.incrementAndGet();
        }
        break;
    }
    schedule();
    return queued;
  }

  private void schedule() {
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
      }
    }
  }

  @Override
  public void run() {
    try {
      for (int i = 0; i < BATCH && !closed; i++) {
        StoreEvent<P> e = queue.poll();
        if (e == null) {
          break;
        }
        try {
          subscriber.accept(e);
          delivered.incrementAndGet();
        } catch (RuntimeException ex) {
          failed.incrementAndGet();
          LOG.warn("subscriber '{}' failed on event {} of type {}", name, e.id(), e.type(), ex);
        }
      }
    } finally {
      scheduled.set(false);
      synchronized (idle) {
        idle.notifyAll();
      }
      if (!closed) {
        schedule();
      }
    }
  }

  /** Waits until the queue is empty and no delivery runs, or the deadline (nanoTime) passes. */
  public boolean awaitDrained(long deadlineNanos) {
    synchronized (idle) {
      while (!queue.isEmpty() || scheduled.get()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        schedule();
        try {
          TimeUnit.NANOSECONDS.timedWait(idle, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SubscriptionStats stats() {
    return new SubscriptionStats(name, delivered.get(), dropped.get(), failed.get(), queue.size());
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.accept(this);
    }
  }
}
