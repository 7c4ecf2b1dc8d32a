package io.ambientretail.devices.lock;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceKind;
import io.ambientretail.devices.DeviceListener;
import io.ambientretail.devices.DeviceOptions;
import io.ambientretail.devices.DeviceState;
import io.ambientretail.devices.DeviceStateException;
import io.ambientretail.devices.DeviceStatistics;
import io.ambientretail.devices.DeviceTimeoutException;
import io.ambientretail.devices.DoorEvent;
import io.ambientretail.devices.HealthCheckLevel;
import io.ambientretail.devices.HealthReport;
import io.ambientretail.devices.internal.DeviceCore;
import io.ambientretail.devices.internal.LinkPump;
import io.ambientretail.devices.internal.Protocol;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.FrameDecoder;
import io.ambientretail.devices.transport.FrameLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A door lock or gate relay on a serial line (protocol in docs/devices.md). {@link
 * #unlock(Duration, Duration)} releases the bolt for a number of seconds and returns only once the
 * relay acknowledged it. The SDK sends a heartbeat ({@code H}) every second while connected, which
 * the relay acknowledges ({@code A,H}); a relay that stops acknowledging is reported {@code
 * UNRESPONSIVE}. The relay throws the bolt by itself when it hears nothing for its fail-secure
 * timeout, so a lost link always ends locked.
 *
 * <p>From the door sensor the lock raises alarms: {@code FORCED_OPEN} when the door opens while the
 * bolt is thrown (no unlock, no egress), {@code HELD_OPEN} when a door opened after an unlock stays
 * open longer than {@link Builder#heldOpenAfter(Duration)}. The egress (fire release) input makes
 * the relay release the bolt and keep it released until the input is normal again; meanwhile {@link
 * #lock(Duration)} refuses. Every change (and every command sent) is a {@link DoorEvent} carrying
 * the door's state, and goes to the {@link DoorAudit} first, if one is set.
 *
 * <p>Thread-safe.
 */
public final class DoorLock implements Device {
  private final DeviceCore core;
  private final LockFrameParser parser = LockFrameParser.create();
  private final @Nullable DoorAudit audit;
  private final long heldOpenNanos;
  private volatile @Nullable LinkPump pump;
  private volatile @Nullable ScheduledExecutorService heartbeat;
  // the door's state as last reported by the relay; guarded by "this"
  private boolean boltThrown = true;
  private boolean doorOpen;
  private boolean egress;
  private long openedAtNanos;
  private boolean heldOpenRaised;

  private DoorLock(Builder b) {
    Duration beat = b.heartbeat;
    this.audit = b.audit;
    this.heldOpenNanos = b.heldOpenAfter.toNanos();
    Duration silence = beat.multipliedBy(3).plusMillis(500);
    Protocol protocol =
        new Protocol() {
          @Override
          public FrameDecoder newDecoder(FrameLimits limits) {
            return FrameDecoder.delimited(limits, (byte) '\r', (byte) '\n');
          }

          @Override
          public void onFrame(byte[] buf, int off, int len, DeviceCore c) {
            handle(buf, off, len, c);
          }

          @Override
          public Duration silenceLimit() {
            return silence;
          }

          @Override
          public void onConnected(DeviceCore c) throws IOException {
            LinkPump first = pump;
            if (first != null) {
              first.write(new byte[] {'S', '\r', '\n'}); // learn bolt and door state
            }
            ScheduledExecutorService s =
                Executors.newSingleThreadScheduledExecutor(
                    r -> {
                      Thread t = new Thread(r, "ambient-lock-heartbeat-" + c.id());
                      t.setDaemon(true);
                      return t;
                    });
            heartbeat = s;
            s.scheduleAtFixedRate(
                () -> {
                  LinkPump p = pump;
                  try {
                    if (p != null) {
                      p.write(new byte[] {'H', '\r', '\n'});
                    }
                    checkHeldOpen(c);
                  } catch (IOException ignored) {
                    // the pump notices and reconnects; the relay locks by itself meanwhile
                  }
                },
                0,
                beat.toMillis(),
                TimeUnit.MILLISECONDS);
          }

          @Override
          public void onDisconnected(DeviceCore c) {
            ScheduledExecutorService s = heartbeat;
            if (s != null) {
              s.shutdownNow();
            }
          }
        };
    this.core =
        new DeviceCore(
            b.id,
            DeviceKind.LOCK,
            b.options,
            c -> {
              LinkPump p = new LinkPump(c, b.connector, protocol);
              pump = p;
              return p;
            });
  }

  /** A builder for a lock reached through {@code connector}. */
  public static Builder builder(DeviceId id, Connector connector) {
    return new Builder(id, connector);
  }

  private void handle(byte[] buf, int off, int len, DeviceCore c) {
    LockFrameParser.LockLine l;
    try {
      l = parser.parse(buf, off, len);
    } catch (AmbientException e) {
      c.error(e.code(), e.getMessage(), buf, off, len, true);
      return;
    }
    switch (l.kind()) {
      case BOLT_LOCKED:
        change(c, DoorEvent.Change.LOCKED, "", s -> s.boltThrown = true);
        break;
      case BOLT_UNLOCKED:
        change(c, DoorEvent.Change.UNLOCKED, "", s -> s.boltThrown = false);
        break;
      case DOOR_OPENED:
        boolean forced;
        synchronized (this) {
          forced = boltThrown && !egress && !doorOpen;
          doorOpen = true;
          openedAtNanos = System.nanoTime();
          heldOpenRaised = false;
        }
        change(c, DoorEvent.Change.OPENED, "", s -> {});
        if (forced) {
          change(c, DoorEvent.Change.FORCED_OPEN, "door opened while the bolt was thrown", s -> {});
        }
        break;
      case DOOR_CLOSED:
        change(c, DoorEvent.Change.CLOSED, "", s -> s.doorOpen = false);
        break;
      case EGRESS_ACTIVE:
        change(
            c,
            DoorEvent.Change.EGRESS_ACTIVE,
            "egress (fire release) input active: bolt released until it is normal",
            s -> {
              s.egress = true;
              s.boltThrown = false;
            });
        break;
      case EGRESS_NORMAL:
        change(c, DoorEvent.Change.EGRESS_CLEARED, "egress input normal", s -> s.egress = false);
        break;
      case STATUS:
        synchronized (this) {
          boltThrown = l.locked();
          doorOpen = l.doorOpen();
        }
        break;
      default:
        break; // acknowledgements are matched by the requests waiting for them
    }
  }

  /** Applies a state change, then audits and emits it with the state after it. */
  private void change(
      DeviceCore c,
      DoorEvent.Change change,
      String detail,
      java.util.function.Consumer<DoorLock> apply) {
    DoorEvent e;
    synchronized (this) {
      apply.accept(this);
      e =
          new DoorEvent(
              c.id(), c.options().clock().instant(), change, boltThrown, doorOpen, egress, detail);
    }
    DoorAudit a = audit;
    if (a != null) {
      try {
        a.record(e);
      } catch (RuntimeException failed) {
        c.error(
            DeviceErrors.LISTENER_FAILED,
            "door audit failed on " + change + ": " + failed,
            new byte[0],
            0,
            0,
            true);
      }
    }
    c.emit(e);
  }

  /** Raises HELD_OPEN once when a door opened after an unlock stays open too long. */
  private void checkHeldOpen(DeviceCore c) {
    boolean raise;
    synchronized (this) {
      raise =
          doorOpen
              && !egress
              && !heldOpenRaised
              && System.nanoTime() - openedAtNanos > heldOpenNanos;
      if (raise) {
        heldOpenRaised = true;
      }
    }
    if (raise) {
      change(
          c,
          DoorEvent.Change.HELD_OPEN,
          "door open longer than " + heldOpenNanos / 1_000_000 + " ms",
          s -> {});
    }
  }

  private LinkPump claimedPump(String call) {
    LinkPump p = pump;
    DeviceState s = core.state();
    if (p == null || s == DeviceState.OPENED || s == DeviceState.CLOSED) {
      throw new DeviceStateException(core.id().value(), call, s, "claimed");
    }
    return p;
  }

  /**
   * Releases the bolt for {@code open} (1 to 60 whole seconds) and waits for the relay's
   * acknowledgement.
   *
   * @throws DeviceTimeoutException if the relay did not acknowledge within {@code ackTimeout} (also
   *     reported as a {@code LOCK_NO_ACK} error event); the door stays locked
   * @throws IOException if the relay refused or the link is down
   */
  public void unlock(Duration open, Duration ackTimeout) throws IOException {
    unlock(open, ackTimeout, "");
  }

  /**
   * Releases the bolt as {@link #unlock(Duration, Duration)} does, recording {@code reason} (who or
   * what asked: a card tap, a staff badge) in the {@code UNLOCK_REQUESTED} door event and audit.
   */
  public void unlock(Duration open, Duration ackTimeout, String reason) throws IOException {
    long s = open.toSeconds();
    if (s < 1 || s > 60 || open.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("unlock time must be 1..60 whole seconds, was " + open);
    }
    LinkPump pumpNow = claimedPump("unlock");
    change(
        core,
        DoorEvent.Change.UNLOCK_REQUESTED,
        "unlock for " + s + " s" + (reason.isEmpty() ? "" : ": " + reason),
        x -> {});
    String cmd = "U," + s;
    byte[] reply;
    try {
      reply =
          pumpNow.request(
              bytes(cmd),
              (b, o, l) -> l >= 3 && (b[o] == 'A' && b[o + 2] == 'U' || b[o] == 'N'),
              ackTimeout);
    } catch (DeviceTimeoutException e) {
      core.error(
          DeviceErrors.LOCK_NO_ACK,
          "no acknowledgement of unlock within " + ackTimeout.toMillis() + " ms",
          new byte[0],
          0,
          0,
          true);
      throw e;
    }
    LockFrameParser.LockLine l = parser.parse(reply, 0, reply.length);
    if (l.kind() == LockFrameParser.Kind.REFUSED) {
      throw new IOException(core.id() + ": lock refused to unlock: " + l.reason());
    }
    if (l.seconds() != s) {
      throw new IOException(core.id() + ": lock acknowledged " + l.seconds() + " s, asked " + s);
    }
  }

  /**
   * Throws the bolt now and waits for the acknowledgement.
   *
   * @throws IOException if the egress (fire release) input is active (the door must stay released),
   *     the link is down, or the relay did not acknowledge in time
   */
  public void lock(Duration ackTimeout) throws IOException {
    LinkPump p = claimedPump("lock");
    synchronized (this) {
      if (egress) {
        throw new IOException(
            core.id() + ": the egress (fire release) input is active; the door stays released");
      }
    }
    change(core, DoorEvent.Change.LOCK_REQUESTED, "", x -> {});
    p.request(bytes("L"), (b, o, l) -> l == 3 && b[o] == 'A' && b[o + 2] == 'L', ackTimeout);
  }

  /** True while the egress (fire release) input is active, as last reported by the relay. */
  public synchronized boolean egressActive() {
    return egress;
  }

  @Override
  public DeviceStatistics statistics() {
    return core.statistics();
  }

  /** EXTERNAL asks the relay for its status ({@code S}) and waits for the answer. */
  @Override
  public HealthReport checkHealth(HealthCheckLevel level, Duration timeout) {
    return core.checkHealth(
        level,
        timeout,
        t -> {
          byte[] r =
              claimedPump("checkHealth")
                  .request(bytes("S"), (b, o, l) -> l == 5 && b[o] == 'S' && b[o + 1] == ',', t);
          return "relay status " + new String(r, StandardCharsets.US_ASCII);
        });
  }

  private static byte[] bytes(String cmd) {
    return (cmd + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public DeviceId id() {
    return core.id();
  }

  @Override
  public DeviceKind kind() {
    return core.kind();
  }

  @Override
  public DeviceState state() {
    return core.state();
  }

  @Override
  public DeviceHealth health() {
    return core.health();
  }

  @Override
  public void open() {
    core.open();
  }

  @Override
  public void claim(Duration timeout) throws IOException {
    core.claim(timeout);
  }

  @Override
  public void enable() {
    core.enable();
  }

  @Override
  public void disable() {
    core.disable();
  }

  @Override
  public void release() {
    core.release();
  }

  @Override
  public void close() {
    core.close();
  }

  @Override
  public void addListener(DeviceListener listener) {
    core.addListener(listener);
  }

  @Override
  public void removeListener(DeviceListener listener) {
    core.removeListener(listener);
  }

  @Override
  public String toString() {
    return "DoorLock[" + core.id() + " " + core.state() + " " + core.health() + "]";
  }

  /** Builds a {@link DoorLock}; not thread-safe. */
  public static final class Builder {
    private final DeviceId id;
    private final Connector connector;
    private DeviceOptions options = DeviceOptions.defaults();
    private Duration heartbeat = Duration.ofSeconds(1);
    private Duration heldOpenAfter = Duration.ofSeconds(30);
    private @Nullable DoorAudit audit;

    private Builder(DeviceId id, Connector connector) {
      this.id = Objects.requireNonNull(id, "id");
      this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** Shared device options. */
    public Builder options(DeviceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** How often to send the heartbeat, 50 ms to 10 s (default 1 s). */
    public Builder heartbeat(Duration interval) {
      if (interval.toMillis() < 50 || interval.toMillis() > 10_000) {
        throw new IllegalArgumentException("heartbeat must be 50 ms..10 s, was " + interval);
      }
      this.heartbeat = interval;
      return this;
    }

    /** How long a door may stay open after an unlock before {@code HELD_OPEN} (default 30 s). */
    public Builder heldOpenAfter(Duration limit) {
      if (limit.toMillis() < 100 || limit.toHours() > 24) {
        throw new IllegalArgumentException("heldOpenAfter must be 100 ms..24 h, was " + limit);
      }
      this.heldOpenAfter = limit;
      return this;
    }

    /** Records every change of the door (see {@link DoorAudit}); none by default. */
    public Builder audit(DoorAudit audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /** Builds the lock, closed. */
    public DoorLock build() {
      return new DoorLock(this);
    }
  }
}
