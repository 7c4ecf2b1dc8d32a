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
import io.ambientretail.devices.DeviceTimeoutException;
import io.ambientretail.devices.DoorEvent;
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
 * relay acknowledged it. The SDK sends a heartbeat ({@code H}) every second while connected; the
 * relay throws the bolt by itself when it hears nothing for its fail-secure timeout, so a lost link
 * always ends locked. Bolt and door-sensor changes become {@link DoorEvent}s.
 *
 * <p>Thread-safe.
 */
public final class DoorLock implements Device {
  private final DeviceCore core;
  private final LockFrameParser parser = LockFrameParser.create();
  private volatile @Nullable LinkPump pump;
  private volatile @Nullable ScheduledExecutorService heartbeat;

  private DoorLock(Builder b) {
    Duration beat = b.heartbeat;
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
          public void onConnected(DeviceCore c) {
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
    DoorEvent.Change change;
    switch (l.kind()) {
      case BOLT_LOCKED:
        change = DoorEvent.Change.LOCKED;
        break;
      case BOLT_UNLOCKED:
        change = DoorEvent.Change.UNLOCKED;
        break;
      case DOOR_OPENED:
        change = DoorEvent.Change.OPENED;
        break;
      case DOOR_CLOSED:
        change = DoorEvent.Change.CLOSED;
        break;
      default:
        return;
    }
    c.emit(new DoorEvent(c.id(), c.options().clock().instant(), change));
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
    long s = open.toSeconds();
    if (s < 1 || s > 60 || open.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("unlock time must be 1..60 whole seconds, was " + open);
    }
    String cmd = "U," + s;
    byte[] reply;
    try {
      reply =
          claimedPump("unlock")
              .request(
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

  /** Throws the bolt now and waits for the acknowledgement. */
  public void lock(Duration ackTimeout) throws IOException {
    claimedPump("lock")
        .request(bytes("L"), (b, o, l) -> l == 3 && b[o] == 'A' && b[o + 2] == 'L', ackTimeout);
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

    /** Builds the lock, closed. */
    public DoorLock build() {
      return new DoorLock(this);
    }
  }
}
