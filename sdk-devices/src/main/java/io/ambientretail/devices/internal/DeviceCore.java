package io.ambientretail.devices.internal;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.ErrorCode;
import io.ambientretail.core.EventBus;
import io.ambientretail.core.StoreEvent;
import io.ambientretail.core.StoreId;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceEvent;
import io.ambientretail.devices.DeviceEvents;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceKind;
import io.ambientretail.devices.DeviceListener;
import io.ambientretail.devices.DeviceOptions;
import io.ambientretail.devices.DeviceState;
import io.ambientretail.devices.DeviceStateException;
import io.ambientretail.devices.DeviceStatistics;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.HealthCheckLevel;
import io.ambientretail.devices.HealthReport;
import io.ambientretail.devices.LaneEvent;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.TemperatureEvent;
import io.ambientretail.devices.WeightEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle, listeners and event delivery every device shares. Events are queued by the I/O
 * thread and delivered in order on the delivery executor.
 */
public final class DeviceCore {
  private final DeviceId id;
  private final DeviceKind kind;
  private final DeviceOptions options;
  private final Function<DeviceCore, Attachment> attachmentFactory;
  private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<DeviceEvent> queue = new ArrayDeque<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicLong droppedData = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong listenerFailures = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private long droppedSinceReport;
  private volatile @Nullable String lastError;
  private volatile @Nullable Instant lastErrorAt;
  private volatile @Nullable Instant lastHeard;
  private final Runnable drain = this::drain;
  private DeviceState state = DeviceState.CLOSED;
  private volatile boolean enabled;
  private volatile DeviceHealth health = DeviceHealth.IDLE;
  private @Nullable Attachment attachment;
  private @Nullable Executor executor;
  private @Nullable ExecutorService ownedExecutor;

  /** A core whose claim starts the attachment made by {@code attachmentFactory}. */
  public DeviceCore(
      DeviceId id,
      DeviceKind kind,
      DeviceOptions options,
      Function<DeviceCore, Attachment> attachmentFactory) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.options = Objects.requireNonNull(options, "options");
    this.attachmentFactory = Objects.requireNonNull(attachmentFactory, "attachmentFactory");
  }

  public DeviceId id() {
    return id;
  }

  public DeviceKind kind() {
    return kind;
  }

  public DeviceOptions options() {
    return options;
  }

  public synchronized DeviceState state() {
    return state;
  }

  public DeviceHealth health() {
    return health;
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** Data events dropped because the device was not enabled. */
  public long droppedData() {
    return droppedData.get();
  }

  public synchronized void open() {
    require("open", DeviceState.CLOSED, "closed");
    state = DeviceState.OPENED;
  }

  public void claim(Duration timeout) throws IOException {
    Attachment a;
    synchronized (this) {
      require("claim", DeviceState.OPENED, "opened");
      if (options.executor() != null) {
        executor = options.executor();
      } else {
        ExecutorService own =
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "ambient-device-" + id);
                  t.setDaemon(true);
                  return t;
                });
        ownedExecutor = own;
        executor = own;
      }
      a = attachmentFactory.apply(this);
      attachment = a;
      state = DeviceState.CLAIMED;
      health = DeviceHealth.OFFLINE;
    }
    try {
      a.start(timeout);
    } catch (IOException | RuntimeException e) {
      a.stop();
      synchronized (this) {
        attachment = null;
        state = DeviceState.OPENED;
        health = DeviceHealth.IDLE;
        shutdownExecutor();
      }
      throw e;
    }
  }

  public synchronized void enable() {
    require("enable", DeviceState.CLAIMED, "claimed");
    state = DeviceState.ENABLED;
    enabled = true;
  }

  public synchronized void disable() {
    require("disable", DeviceState.ENABLED, "enabled");
    state = DeviceState.CLAIMED;
    enabled = false;
  }

  public void release() {
    Attachment a;
    synchronized (this) {
      if (state != DeviceState.CLAIMED && state != DeviceState.ENABLED) {
        throw new DeviceStateException(id.value(), "release", state, "claimed or enabled");
      }
      enabled = false;
      state = DeviceState.OPENED;
      a = attachment;
      attachment = null;
    }
    if (a != null) {
      a.stop();
    }
    synchronized (this) {
      health = DeviceHealth.IDLE;
      shutdownExecutor();
    }
  }

  public void close() {
    DeviceState s = state();
    if (s == DeviceState.CLAIMED || s == DeviceState.ENABLED) {
      release();
    }
    synchronized (this) {
      state = DeviceState.CLOSED;
    }
  }

  private void shutdownExecutor() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      ownedExecutor = null;
    }
  }

  private void require(String call, DeviceState needed, String neededText) {
    if (state != needed) {
      throw new DeviceStateException(id.value(), call, state, neededText);
    }
  }

  public void addListener(DeviceListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
  }

  public void removeListener(DeviceListener l) {
    listeners.remove(l);
  }

  /** Sets the health without an event (e.g. FAILED from a registry). */
  public void health(DeviceHealth h) {
    this.health = h;
  }

  /** Queues a status event and sets the health it carries. */
  public Instant status(StatusEvent.Status status, DeviceHealth newHealth, String detail) {
    return status(status, newHealth, detail, null);
  }

  /**
   * Queues a status event with the gap since {@code lostAt} (for {@code CONNECTED} after a loss;
   * null for none) and returns the event's time.
   */
  public Instant status(
      StatusEvent.Status status, DeviceHealth newHealth, String detail, @Nullable Instant lostAt) {
    this.health = newHealth;
    Instant now = options.clock().instant();
    if (status == StatusEvent.Status.CONNECTED && lostAt != null) {
      reconnects.incrementAndGet();
    }
    java.time.Duration gap =
        lostAt == null
            ? null
            : java.time.Duration.between(lostAt, now.isBefore(lostAt) ? lostAt : now);
    emit(new StatusEvent(id, now, status, newHealth, detail, gap));
    return now;
  }

  /** Queues an error event showing {@code len} bytes of the range safely, and counts it. */
  public void error(
      ErrorCode code, String message, byte[] raw, int off, int len, boolean recovered) {
    Instant now = options.clock().instant();
    countError(message, now);
    emit(new ErrorEvent(id, now, code, message, Raw.show(raw, off, len, 64), recovered));
  }

  private void countError(String message, Instant at) {
    errors.incrementAndGet();
    lastError = message;
    lastErrorAt = at;
  }

  /** Counts one frame (or card change) received from the device, which is therefore answering. */
  public void read() {
    reads.incrementAndGet();
    heard();
  }

  /**
   * The device sent something: it is answering. Ends an {@link DeviceHealth#UNRESPONSIVE} spell
   * with a {@code RESPONSIVE} status event.
   */
  public void heard() {
    lastHeard = options.clock().instant();
    if (health == DeviceHealth.UNRESPONSIVE) {
      status(StatusEvent.Status.RESPONSIVE, DeviceHealth.ONLINE, "answering again");
    }
  }

  /**
   * The device, though connected, did not answer within its expected interval: reports {@code
   * UNRESPONSIVE} once (status and error event) until it is heard again.
   */
  public void unresponsive(String why) {
    if (health == DeviceHealth.ONLINE) {
      status(StatusEvent.Status.UNRESPONSIVE, DeviceHealth.UNRESPONSIVE, why);
      error(DeviceErrors.DEVICE_UNRESPONSIVE, why, new byte[0], 0, 0, true);
    }
  }

  /** The statistics so far. */
  public DeviceStatistics statistics() {
    return new DeviceStatistics(
        reads.get(),
        errors.get(),
        reconnects.get(),
        listenerFailures.get(),
        dropped.get(),
        lastError,
        lastErrorAt,
        lastHeard);
  }

  /** Asks the device something and returns normally once it answered. */
  @FunctionalInterface
  public interface Probe {
    /** Sends the probe and waits up to {@code timeout}; throws when there was no good answer. */
    String run(Duration timeout) throws IOException;
  }

  /**
   * A health check: INTERNAL from the state and health; EXTERNAL runs {@code probe} (null: not
   * offered); INTERACTIVE is not offered. A failed probe marks the device unresponsive.
   */
  public HealthReport checkHealth(HealthCheckLevel level, Duration timeout, @Nullable Probe probe) {
    DeviceState s = state();
    if (level == HealthCheckLevel.INTERACTIVE
        || level == HealthCheckLevel.EXTERNAL && probe == null) {
      return new HealthReport(
          level, false, false, health, level + " check is not offered by this driver", now());
    }
    if (s != DeviceState.CLAIMED && s != DeviceState.ENABLED) {
      return new HealthReport(level, false, true, health, "not claimed (" + s + ")", now());
    }
    if (level == HealthCheckLevel.INTERNAL
        || health != DeviceHealth.ONLINE && health != DeviceHealth.UNRESPONSIVE) {
      DeviceHealth h = health;
      String detail =
          h == DeviceHealth.ONLINE
              ? "connected and answering"
              : h == DeviceHealth.UNRESPONSIVE
                  ? "connected but not answering" + (lastError != null ? ": " + lastError : "")
                  : "health " + h;
      return new HealthReport(level, h == DeviceHealth.ONLINE, true, h, detail, now());
    }
    try {
      String answer = probe.run(timeout);
      heard();
      return new HealthReport(level, true, true, health, answer, now());
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      unresponsive(why);
      return new HealthReport(level, false, true, health, why, now());
    }
  }

  private Instant now() {
    return options.clock().instant();
  }

  /**
   * Queues an event for delivery; data events are dropped while the device is not enabled. A full
   * queue drops its oldest reading, else the new event (see {@link DeviceOptions}).
   */
  public void emit(DeviceEvent event) {
    if (event.isData() && !enabled) {
      droppedData.incrementAndGet();
      return;
    }
    Executor ex = executor;
    if (ex == null) {
      return;
    }
    synchronized (queue) {
      if (queue.size() >= options.eventQueueCapacity() && !makeRoom()) {
        dropped.incrementAndGet();
        droppedSinceReport++;
        return;
      }
      queue.add(event);
    }
    if (draining.compareAndSet(false, true)) {
      try {
        ex.execute(drain);
      } catch (RuntimeException rejected) {
        draining.set(false);
      }
    }
  }

  /** Drops the oldest queued reading; false when the queue holds none. Holds the queue's lock. */
  private boolean makeRoom() {
    for (Iterator<DeviceEvent> it = queue.iterator(); it.hasNext(); ) {
      DeviceEvent e = it.next();
      if (e instanceof WeightEvent || e instanceof LaneEvent || e instanceof TemperatureEvent) {
        it.remove();
        dropped.incrementAndGet();
        droppedSinceReport++;
        return true;
      }
    }
    return false;
  }

  private void drain() {
    while (true) {
      DeviceEvent e;
      while ((e = poll()) != null) {
        deliver(e);
      }
      draining.set(false);
      synchronized (queue) {
        if (queue.isEmpty() && droppedSinceReport > 0) {
          long n = droppedSinceReport;
          droppedSinceReport = 0;
          String why =
              n
                  + " event(s) dropped: the delivery queue of "
                  + options.eventQueueCapacity()
                  + " was full (a listener is too slow)";
          Instant now = options.clock().instant();
          countError(why, now);
          queue.add(new ErrorEvent(id, now, DeviceErrors.EVENT_QUEUE_OVERFLOW, why, "", true));
        }
        if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
          return;
        }
      }
    }
  }

  private @Nullable DeviceEvent poll() {
    synchronized (queue) {
      return queue.poll();
    }
  }

  private void deliver(DeviceEvent e) {
    for (DeviceListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException failed) {
        // a failing listener must not stop delivery to the others; it is counted, not hidden
        listenerFailures.incrementAndGet();
        countError(
            "listener "
                + l.getClass().getName()
                + " threw on "
                + e.getClass().getSimpleName()
                + ": "
                + failed,
            options.clock().instant());
      }
    }
    EventBus bus = options.bus();
    StoreId store = options.store();
    if (bus != null && store != null) {
      try {
        publish(bus, store, e);
      } catch (IllegalStateException closedBus) {
        // the bus was closed while the device still ran
      }
    }
  }

  @SuppressWarnings("unchecked")
  private <E extends DeviceEvent> void publish(EventBus bus, StoreId store, E e) {
    bus.publish(
        StoreEvent.of(
            store,
            (io.ambientretail.core.EventType<E>) DeviceEvents.typeOf(e),
            e,
            options.clock()));
  }

  /** The attachment while claimed, or null. */
  public synchronized @Nullable Attachment attachment() {
    return attachment;
  }
}
