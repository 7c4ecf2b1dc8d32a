package io.ambientretail.core;

import io.ambientretail.core.internal.QueuedSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * In-process publish/subscribe of {@link StoreEvent}s by {@link EventType}.
 *
 * <p>Each subscription has its own bounded queue and is delivered on the bus's executor, one event
 * at a time and in the order events were published by any one thread, so a slow or failing
 * subscriber never delays the others. When a queue is full the subscription's {@link
 * OverflowPolicy} decides and the drop is counted. {@link #close(Duration)} stops new publishing,
 * drains what is queued until the deadline and reports anything it had to leave.
 *
 * <p>Thread-safe. Subscribers must not block for long: they hold a delivery thread.
 */
public final class EventBus implements AutoCloseable {
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final Map<String, List<QueuedSubscription<?>>> byType = new ConcurrentHashMap<>();
  private final Map<String, Class<?>> payloadTypes = new ConcurrentHashMap<>();
  private final List<QueuedSubscription<?>> all = new CopyOnWriteArrayList<>();
  private final AtomicInteger names = new AtomicInteger();
  private volatile boolean closed;

  private EventBus(Builder b) {
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownsExecutor = false;
    } else {
      this.executor = Executors.newCachedThreadPool(daemonThreads());
      this.ownsExecutor = true;
    }
  }

  /** A builder; by default the bus owns a cached pool of daemon delivery threads. */
  public static Builder builder() {
    return new Builder();
  }

  /** Subscribes with default options. */
  public <P> Subscription subscribe(EventType<P> type, Consumer<? super StoreEvent<P>> subscriber) {
    return subscribe(type, subscriber, SubscribeOptions.builder().build());
  }

  /**
   * Subscribes {@code subscriber} to events of {@code type}.
   *
   * @throws IllegalStateException if the bus is closed
   * @throws IllegalArgumentException if the type's name was used with another payload class
   */
  public <P> Subscription subscribe(
      EventType<P> type, Consumer<? super StoreEvent<P>> subscriber, SubscribeOptions options) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(options, "options");
    checkOpen();
    checkPayloadType(type);
    String name =
        options.name().isEmpty() ? type.name() + "#" + names.incrementAndGet() : options.name();
    List<QueuedSubscription<?>> list =
        byType.computeIfAbsent(type.name(), k -> new CopyOnWriteArrayList<>());
    QueuedSubscription<P> sub =
        new QueuedSubscription<>(
            name,
            subscriber,
            options,
            executor,
            s -> {
              list.remove(s);
              all.remove(s);
            });
    list.add(sub);
    all.add(sub);
    return sub;
  }

  /**
   * Publishes an event to every current subscriber of its type; returns without waiting for
   * delivery (except under {@link OverflowPolicy#BLOCK_PUBLISHER} with a full queue).
   *
   * @return the number of subscriptions that queued the event
   * @throws IllegalStateException if the bus is closed
   */
  public int publish(StoreEvent<?> event) {
    Objects.requireNonNull(event, "event");
    checkOpen();
    checkPayloadType(event.type());
    List<QueuedSubscription<?>> list = byType.get(event.type().name());
    if (list == null) {
      return 0;
    }
    int queued = 0;
    for (QueuedSubscription<?> sub : list) {
      if (sub.offer(event)) {
        queued++;
      }
    }
    return queued;
  }

  /** The counters of every live subscription. */
  public List<SubscriptionStats> stats() {
    List<SubscriptionStats> out = new ArrayList<>();
    for (QueuedSubscription<?> s : all) {
      out.add(s.stats());
    }
    return out;
  }

  /**
   * Stops accepting events, delivers what is queued until {@code timeout} passes, and reports what
   * was left undelivered. Idempotent in effect: a second call reports the final state.
   */
  public CloseReport close(Duration timeout) {
    closed = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean drained = true;
    for (QueuedSubscription<?> s : all) {
      if (!s.awaitDrained(deadline)) {
        drained = false;
      }
    }
    List<SubscriptionStats> finalStats = stats();
    for (QueuedSubscription<?> s : all) {
      s.close();
    }
    if (ownsExecutor) {
      executor.shutdown();
      try {
        executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor.shutdownNow();
    }
    return new CloseReport(drained, finalStats);
  }

  /** Closes with a 5 second drain. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("event bus is closed");
    }
  }

  private void checkPayloadType(EventType<?> type) {
    Class<?> known = payloadTypes.putIfAbsent(type.name(), type.payloadType());
    if (known != null && known != type.payloadType()) {
      throw new IllegalArgumentException(
          "event type '"
              + type.name()
              + "' carries "
              + known.getName()
              + ", not "
              + type.payloadType().getName());
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ambient-eventbus-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Builds an {@link EventBus}; not thread-safe. */
  public static final class Builder {
    private @Nullable ExecutorService executor;

    private Builder() {}

    /**
     * Delivers on {@code executor} instead of an owned pool. The bus does not shut it down. It
     * needs as many threads as subscribers that may be busy at once.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Builds the bus. */
    public EventBus build() {
      return new EventBus(this);
    }
  }
}
