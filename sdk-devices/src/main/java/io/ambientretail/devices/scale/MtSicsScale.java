package io.ambientretail.devices.scale;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceKind;
import io.ambientretail.devices.DeviceListener;
import io.ambientretail.devices.DeviceOptions;
import io.ambientretail.devices.DeviceState;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Mettler Toledo scale speaking MT-SICS over a serial line. In streaming mode (the default) it
 * sends {@code SIR} after every (re)connect and reports every weight line; otherwise call {@link
 * #weigh(Duration)}. Stable ({@code S S}) and dynamic ({@code S D}) weights become {@link
 * WeightEvent}s in exact milligrams; overload ({@code S +}) and underload ({@code S -}) become
 * {@link StatusEvent}s; {@code S I} and {@code ES}/{@code ET}/{@code EL} become error events.
 *
 * <p>Thread-safe.
 */
public final class MtSicsScale implements Device {
  private static final byte[] CRLF = {'\r', '\n'};

  private final DeviceCore core;
  private final boolean streaming;
  private final MtSicsParser parser = MtSicsParser.create();
  private volatile @Nullable LinkPump pump;
  private char range = 'S';

  private MtSicsScale(Builder b) {
    this.streaming = b.streaming;
    Duration silence = b.silenceLimit;
    Protocol protocol =
        new Protocol() {
          @Override
          public FrameDecoder newDecoder(FrameLimits limits) {
            return FrameDecoder.delimited(limits, CRLF);
          }

          @Override
          public void onFrame(byte[] buf, int off, int len, DeviceCore c) {
            handle(buf, off, len, c);
          }

          @Override
          public Duration silenceLimit() {
            return streaming ? silence : null;
          }

          @Override
          public void onConnected(DeviceCore c) throws IOException {
            if (streaming) {
              LinkPump p = pump;
              if (p != null) {
                p.write(command("SIR"));
              }
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
    MtSicsResponse r;
    try {
      r = parser.parse(buf, off, len);
    } catch (ScaleFormatException e) {
      c.error(e.code(), e.getMessage(), buf, off, len, true);
      return;
    }
    if (r.isError()) {
      c.error(
          DeviceErrors.SCALE_ERROR,
          "scale answered "
              + r.command()
              + (r.command().equals("ES")
                  ? " (syntax error)"
                  : r.command().equals("ET") ? " (transmission error)" : " (logical error)"),
          buf,
          off,
          len,
          true);
      return;
    }
    boolean weighing = r.command().equals("S") || r.command().equals("SI");
    if (!weighing) {
      if (r.status() == 'I') {
        c.error(
            DeviceErrors.SCALE_BUSY, r.command() + " cannot be executed now", buf, off, len, true);
      }
      return;
    }
    switch (r.status()) {
      case 'S':
      case 'D':
        if (range != 'S') {
          range = 'S';
          c.status(StatusEvent.Status.IN_RANGE, DeviceHealth.ONLINE, "");
        }
        c.emit(
            new WeightEvent(
                c.id(), c.options().clock().instant(), r.weight(), r.status() == 'S', r.unit()));
        break;
      case '+':
      case '-':
        if (range != r.status()) {
          range = r.status();
          c.status(
              r.status() == '+' ? StatusEvent.Status.OVERLOAD : StatusEvent.Status.UNDERLOAD,
              DeviceHealth.ONLINE,
              "S " + r.status());
        }
        break;
      case 'I':
        c.error(
            DeviceErrors.SCALE_BUSY, "weighing cannot be executed now (S I)", buf, off, len, true);
        break;
      default:
        break;
    }
  }

  private static byte[] command(String text) {
    return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private MtSicsResponse request(String cmd, Duration timeout) throws IOException {
    LinkPump p = pump;
    if (p == null || core.state() == DeviceState.OPENED || core.state() == DeviceState.CLOSED) {
      throw new io.ambientretail.devices.DeviceStateException(
          core.id().value(), cmd, core.state(), "claimed");
    }
    String id = cmd.split(" ")[0];
    byte[] reply = p.request(command(cmd), (b, o, l) -> matches(b, o, l, id), timeout);
    if (streaming && (id.equals("S") || id.equals("SI") || id.equals("@"))) {
      p.write(command("SIR")); // these commands end an SIR stream on the balance: restart it
    }
    return parser.parse(reply, 0, reply.length);
  }

  private static boolean matches(byte[] b, int o, int l, String id) {
    if (l >= 2
        && b[o] == 'E'
        && (b[o + 1] == 'S' || b[o + 1] == 'T' || b[o + 1] == 'L')
        && (l == 2 || b[o + 2] == ' ')) {
      return true;
    }
    String want = id.equals("@") ? "I4" : id.equals("SIR") || id.equals("SI") ? "S" : id;
    if (l < want.length() + 1) {
      return false;
    }
    for (int i = 0; i < want.length(); i++) {
      if (b[o + i] != want.charAt(i)) {
        return false;
      }
    }
    if (b[o + want.length()] != ' ') {
      return false;
    }
    // S only ever answers a stable weight (or I, +, -): an "S D" line is the SIR stream, not it
    return !(id.equals("S") && l > 2 && b[o + 2] == 'D');
  }

  /**
   * Sends {@code S} and returns the stable weight response (or the overload/underload one).
   *
   * @throws io.ambientretail.devices.DeviceTimeoutException if the scale does not answer in time
   */
  public MtSicsResponse weigh(Duration timeout) throws IOException {
    return request("S", timeout);
  }

  /** Sends {@code Z} (zero) and returns the answer ({@code Z A} on success). */
  public MtSicsResponse zero(Duration timeout) throws IOException {
    return request("Z", timeout);
  }

  /** Sends {@code T} (tare) and returns the answer ({@code T S} with the tare weight). */
  public MtSicsResponse tare(Duration timeout) throws IOException {
    return request("T", timeout);
  }

  /** Sends {@code I2} and returns the model and capacity texts. */
  public MtSicsResponse identify(Duration timeout) throws IOException {
    return request("I2", timeout);
  }

  /** Sends {@code I4} and returns the serial number text. */
  public MtSicsResponse serialNumber(Duration timeout) throws IOException {
    return request("I4", timeout);
  }

  /** Sends {@code @} (reset; cancels SIR) and returns the {@code I4} answer. */
  public MtSicsResponse reset(Duration timeout) throws IOException {
    return request("@", timeout);
  }

  /** True when the scale is asked to stream ({@code SIR}) after every connect. */
  public boolean isStreaming() {
    return streaming;
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

  /** EXTERNAL asks the balance for its serial number ({@code I4}) and waits for the answer. */
  @Override
  public HealthReport checkHealth(HealthCheckLevel level, Duration timeout) {
    return core.checkHealth(
        level, timeout, t -> "serial number " + String.join(" ", serialNumber(t).texts()));
  }

  @Override
  public String toString() {
    return "MtSicsScale[" + core.id() + " " + core.state() + " " + core.health() + "]";
  }

  /** Builds an {@link MtSicsScale}; not thread-safe. */
  public static final class Builder {
    private final DeviceId id;
    private final Connector connector;
    private DeviceOptions options = DeviceOptions.defaults();
    private boolean streaming = true;
    private Duration silenceLimit = Duration.ofSeconds(2);

    private Builder(DeviceId id, Connector connector) {
      this.id = Objects.requireNonNull(id, "id");
      this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** Shared device options. */
    public Builder options(DeviceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * How long a streaming balance may send nothing before it is reported {@code UNRESPONSIVE}
     * (default 2 s; 100 ms to 10 min). Not used when not streaming.
     */
    public Builder silenceLimit(Duration limit) {
      if (limit.toMillis() < 100 || limit.toMinutes() > 10) {
        throw new IllegalArgumentException("silenceLimit must be 100 ms..10 min, was " + limit);
      }
      this.silenceLimit = limit;
      return this;
    }

    /** Whether to send {@code SIR} after every connect (default true). */
    public Builder streaming(boolean streaming) {
      this.streaming = streaming;
      return this;
    }

    /** Builds the scale, closed. */
    public MtSicsScale build() {
      return new MtSicsScale(this);
    }
  }
}
