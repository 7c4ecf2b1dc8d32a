package io.ambientretail.devices.scale;

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
import io.ambientretail.devices.HealthCheckLevel;
import io.ambientretail.devices.HealthReport;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.WeightEvent;
import io.ambientretail.devices.internal.DeviceCore;
import io.ambientretail.devices.internal.LinkPump;
import io.ambientretail.devices.internal.Protocol;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.FrameDecoder;
import io.ambientretail.devices.transport.FrameLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A scale speaking the NCI/Toledo "W" protocol: the SDK polls with {@code W CR} at a fixed interval
 * while connected (default 200 ms) and the scale answers with the weight and status bytes ended by
 * ETX. Weights become {@link WeightEvent}s (stable unless the motion bit is set); the over/under
 * capacity bits become {@link StatusEvent}s when they change; RAM/EEPROM/ROM/calibration faults
 * become {@code SCALE_ERROR} events.
 *
 * <p>Thread-safe.
 */
public final class NciScale implements Device {
  private final DeviceCore core;
  private final NciParser parser = NciParser.create();
  private final Duration pollInterval;
  private volatile @Nullable LinkPump pump;
  private volatile @Nullable ScheduledExecutorService poller;
  private int range;
  private String faults = "";

  private NciScale(Builder b) {
    this.pollInterval = b.pollInterval;
    Protocol protocol =
        new Protocol() {
          @Override
          public FrameDecoder newDecoder(FrameLimits limits) {
            return FrameDecoder.delimited(limits, (byte) 0x03);
          }

          @Override
          public void onFrame(byte[] buf, int off, int len, DeviceCore c) {
            handle(buf, off, len, c);
          }

          @Override
          public Duration silenceLimit() {
            Duration five = pollInterval.multipliedBy(5);
            return five.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : five;
          }

          @Override
          public void onConnected(DeviceCore c) {
            ScheduledExecutorService s =
                Executors.newSingleThreadScheduledExecutor(
                    r -> {
                      Thread t = new Thread(r, "ambient-nci-poll-" + c.id());
                      t.setDaemon(true);
                      return t;
                    });
            poller = s;
            long ms = pollInterval.toMillis();
            s.scheduleAtFixedRate(
                () -> {
                  LinkPump p = pump;
                  try {
                    if (p != null) {
                      p.write(new byte[] {'W', '\r'});
                    }
                  } catch (IOException ignored) {
                    // the pump notices the lost link and reconnects
                  }
                },
                0,
                ms,
                TimeUnit.MILLISECONDS);
          }

          @Override
          public void onDisconnected(DeviceCore c) {
            ScheduledExecutorService s = poller;
            if (s != null) {
              s.shutdownNow();
            }
          }
        };
    this.core =
        new DeviceCore(
            b.id,
            DeviceKind.SCALE,
            b.options,
            c -> {
              LinkPump p = new LinkPump(c, b.connector, protocol);
              pump = p;
              return p;
            });
  }

  /** A builder for a scale reached through {@code connector}. */
  public static Builder builder(DeviceId id, Connector connector) {
    return new Builder(id, connector);
  }

  private void handle(byte[] buf, int off, int len, DeviceCore c) {
    NciResponse r;
    try {
      r = parser.parse(buf, off, len);
    } catch (ScaleFormatException e) {
      c.error(e.code(), e.getMessage(), buf, off, len, true);
      return;
    }
    if (r.unrecognized()) {
      c.error(
          DeviceErrors.SCALE_ERROR, "scale did not recognise the command (?)", buf, off, len, true);
      return;
    }
    String now = faults(r);
    if (!now.equals(faults)) { // report each new set of faults once, not on every poll
      faults = now;
      if (!now.isEmpty()) {
        c.error(DeviceErrors.SCALE_ERROR, "scale reports " + now, buf, off, len, false);
      }
    }
    int newRange = r.overCapacity() ? 1 : r.underCapacity() ? -1 : 0;
    if (newRange != range) {
      range = newRange;
      c.status(
          newRange > 0
              ? StatusEvent.Status.OVERLOAD
              : newRange < 0 ? StatusEvent.Status.UNDERLOAD : StatusEvent.Status.IN_RANGE,
          DeviceHealth.ONLINE,
          "");
    }
    if (r.weight() != null && newRange == 0) {
      c.emit(
          new WeightEvent(
              c.id(), c.options().clock().instant(), r.weight(), !r.inMotion(), r.unit()));
    }
  }

  private static String faults(NciResponse r) {
    java.util.List<String> f = new java.util.ArrayList<>();
    if (r.ramError()) {
      f.add("RAM error");
    }
    if (r.eepromError()) {
      f.add("EEPROM error");
    }
    if (r.romError()) {
      f.add("ROM error");
    }
    if (r.calibrationError()) {
      f.add("faulty calibration");
    }
    if (r.initialZeroError()) {
      f.add("initial zero error");
    }
    if (r.field() == NciResponse.WeightField.ZERO_ERROR) {
      f.add("zeroing error (middle bars)");
    }
    return String.join(", ", f);
  }

  /**
   * Sends {@code Z} (zero) and returns the status answer.
   *
   * @throws io.ambientretail.devices.DeviceTimeoutException if the scale does not answer in time
   */
  public NciResponse zero(Duration timeout) throws IOException {
    LinkPump p = pump;
    if (p == null || core.state() == DeviceState.OPENED || core.state() == DeviceState.CLOSED) {
      throw new DeviceStateException(core.id().value(), "zero", core.state(), "claimed");
    }
    byte[] reply =
        p.request(new byte[] {'Z', '\r'}, (b, o, l) -> l >= 2 && b[o + 1] == 'S', timeout);
    return parser.parse(reply, 0, reply.length);
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
  public DeviceStatistics statistics() {
    return core.statistics();
  }

  /**
   * EXTERNAL sends {@code W} and waits for the scale's answer. The poller also finds a scale that
   * stops answering: after 5 polls (at least 1 s) without an answer it is {@code UNRESPONSIVE}.
   */
  @Override
  public HealthReport checkHealth(HealthCheckLevel level, Duration timeout) {
    return core.checkHealth(
        level,
        timeout,
        t -> {
          LinkPump p = pump;
          if (p == null) {
            throw new java.io.IOException(core.id() + " is not claimed");
          }
          p.request(new byte[] {'W', '\r'}, (b, o, l) -> true, t);
          return "answered W";
        });
  }

  @Override
  public String toString() {
    return "NciScale[" + core.id() + " " + core.state() + " " + core.health() + "]";
  }

  /** Builds an {@link NciScale}; not thread-safe. */
  public static final class Builder {
    private final DeviceId id;
    private final Connector connector;
    private DeviceOptions options = DeviceOptions.defaults();
    private Duration pollInterval = Duration.ofMillis(200);

    private Builder(DeviceId id, Connector connector) {
      this.id = Objects.requireNonNull(id, "id");
      this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** Shared device options. */
    public Builder options(DeviceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** How often to poll with {@code W}, 10 ms to 10 s (default 200 ms). */
    public Builder pollInterval(Duration interval) {
      if (interval.toMillis() < 10 || interval.toMillis() > 10_000) {
        throw new IllegalArgumentException("pollInterval must be 10 ms..10 s, was " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /** Builds the scale, closed. */
    public NciScale build() {
      return new NciScale(this);
    }
  }
}
