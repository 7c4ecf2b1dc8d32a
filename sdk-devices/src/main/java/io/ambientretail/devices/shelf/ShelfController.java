package io.ambientretail.devices.shelf;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.LaneId;
import io.ambientretail.core.Weight;
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
import io.ambientretail.devices.LaneEvent;
import io.ambientretail.devices.internal.DeviceCore;
import io.ambientretail.devices.internal.LinkPump;
import io.ambientretail.devices.internal.Protocol;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.FrameDecoder;
import io.ambientretail.devices.transport.FrameLimits;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A shelf controller: one serial line, many load-cell channels, each mapped to a lane (see
 * docs/shelf-protocol.md). Every reading of a mapped channel is calibrated (zero and span) to exact
 * milligrams and reported as a {@link LaneEvent}, the input of cart fusion; with a change
 * threshold, only readings that moved by at least that much since the last reported one.
 *
 * <p>Calibration can be captured live: {@link #captureZero(int)} with the lane empty, then {@link
 * #captureSpan(int, Weight)} with a known weight on it.
 *
 * <p>Thread-safe.
 */
public final class ShelfController implements Device {
  private final DeviceCore core;
  private final ShelfFrameParser parser;
  private final LaneId[] lanes;
  private final AtomicReferenceArray<LaneCalibration> calibrations;
  private final AtomicLongArray lastCounts;
  private final long[] lastReportedMg;
  private final long thresholdMg;
  private static final Duration SILENCE = Duration.ofSeconds(3);
  private volatile @Nullable LinkPump pump;

  private ShelfController(Builder b) {
    this.parser = ShelfFrameParser.withMaxChannels(b.channels);
    this.lanes = b.lanes.clone();
    this.calibrations = new AtomicReferenceArray<>(b.calibrations.clone());
    this.lastCounts = new AtomicLongArray(b.channels);
    this.lastReportedMg = new long[b.channels];
    java.util.Arrays.fill(lastReportedMg, Long.MIN_VALUE);
    this.thresholdMg = b.threshold.milligrams();
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
            return SILENCE; // controllers stream at 1 Hz or more without being asked
          }
        };
    this.core =
        new DeviceCore(
            b.id,
            DeviceKind.SHELF,
            b.options,
            c -> {
              LinkPump p = new LinkPump(c, b.connector, protocol);
              pump = p;
              return p;
            });
  }

  /**
   * A builder for a controller with {@code channels} channels reached through {@code connector}.
   */
  public static Builder builder(DeviceId id, Connector connector, int channels) {
    return new Builder(id, connector, channels);
  }

  private void handle(byte[] buf, int off, int len, DeviceCore c) {
    ShelfFrame f;
    try {
      f = parser.parse(buf, off, len);
    } catch (ShelfFormatException e) {
      c.error(e.code(), e.getMessage(), buf, off, len, true);
      return;
    }
    switch (f.type()) {
      case 'C':
      case 'G':
        if (f.channels() > lanes.length) {
          c.error(
              DeviceErrors.FRAME_SYNTAX,
              "controller sent " + f.channels() + " channels, configured for " + lanes.length,
              buf,
              off,
              len,
              true);
          return;
        }
        Instant now = c.options().clock().instant();
        for (int ch = 0; ch < f.channels(); ch++) {
          long raw = f.value(ch);
          lastCounts.set(ch, raw);
          LaneId lane = lanes[ch];
          if (lane == null) {
            continue;
          }
          Weight w =
              f.type() == 'G' ? Weight.ofMilligrams(raw) : calibrations.get(ch).weightOf(raw);
          long mg = w.milligrams();
          long last = lastReportedMg[ch];
          if (thresholdMg > 0 && last != Long.MIN_VALUE && Math.abs(mg - last) < thresholdMg) {
            continue;
          }
          lastReportedMg[ch] = mg;
          c.emit(new LaneEvent(c.id(), now, lane, ch, raw, w, f.millis(), f.type() == 'G'));
        }
        break;
      case 'E':
        c.error(
            DeviceErrors.SHELF_CHANNEL,
            "channel " + f.channel() + " fault " + f.text(),
            buf,
            off,
            len,
            true);
        break;
      default:
        break;
    }
  }

  /** The last raw value received on {@code channel} (0 before the first reading). */
  public long lastCounts(int channel) {
    return lastCounts.get(channel);
  }

  /** The calibration of {@code channel}. */
  public LaneCalibration calibration(int channel) {
    return calibrations.get(channel);
  }

  /** Replaces the calibration of {@code channel}. */
  public void calibrate(int channel, LaneCalibration calibration) {
    calibrations.set(channel, Objects.requireNonNull(calibration, "calibration"));
  }

  /** Takes the last reading of {@code channel} as its zero (the lane must be empty). */
  public LaneCalibration captureZero(int channel) {
    LaneCalibration c = calibrations.get(channel).withZero(lastCounts.get(channel));
    calibrations.set(channel, c);
    return c;
  }

  /** Takes the last reading of {@code channel} as the counts of {@code known} on the lane. */
  public LaneCalibration captureSpan(int channel, Weight known) {
    LaneCalibration old = calibrations.get(channel);
    LaneCalibration c = LaneCalibration.of(old.zeroCounts(), lastCounts.get(channel), known);
    calibrations.set(channel, c);
    return c;
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
   * EXTERNAL asks the controller for its identity ({@code ?}) and waits for the {@code I} line. A
   * controller that stops streaming for 3 s is {@code UNRESPONSIVE} without a check.
   */
  @Override
  public HealthReport checkHealth(HealthCheckLevel level, Duration timeout) {
    return core.checkHealth(
        level,
        timeout,
        t -> {
          LinkPump p = pump;
          if (p == null) {
            throw new IOException(core.id() + " is not claimed");
          }
          byte[] r =
              p.request(
                  new byte[] {'?', '\n'}, (b, o, l) -> l > 2 && b[o] == 'I' && b[o + 1] == ',', t);
          return "identity " + new String(r, java.nio.charset.StandardCharsets.US_ASCII);
        });
  }

  @Override
  public String toString() {
    return "ShelfController[" + core.id() + " " + core.state() + " " + core.health() + "]";
  }

  /** Builds a {@link ShelfController}; not thread-safe. */
  public static final class Builder {
    private final DeviceId id;
    private final Connector connector;
    private final int channels;
    private final LaneId[] lanes;
    private final LaneCalibration[] calibrations;
    private DeviceOptions options = DeviceOptions.defaults();
    private Weight threshold = Weight.ZERO;

    private Builder(DeviceId id, Connector connector, int channels) {
      this.id = Objects.requireNonNull(id, "id");
      this.connector = Objects.requireNonNull(connector, "connector");
      if (channels < 1 || channels > 256) {
        throw new IllegalArgumentException("channels must be 1..256, was " + channels);
      }
      this.channels = channels;
      this.lanes = new LaneId[channels];
      this.calibrations = new LaneCalibration[channels];
      java.util.Arrays.fill(calibrations, LaneCalibration.GRAMS);
    }

    /** Shared device options. */
    public Builder options(DeviceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Maps {@code channel} to {@code lane} with {@code calibration}. */
    public Builder lane(int channel, LaneId lane, LaneCalibration calibration) {
      Objects.checkIndex(channel, channels);
      lanes[channel] = Objects.requireNonNull(lane, "lane");
      calibrations[channel] = Objects.requireNonNull(calibration, "calibration");
      return this;
    }

    /** Reports a lane only when it moved by at least {@code threshold} (default: every reading). */
    public Builder changeThreshold(Weight threshold) {
      if (threshold.milligrams() < 0) {
        throw new IllegalArgumentException("threshold must not be negative");
      }
      this.threshold = threshold;
      return this;
    }

    /** Builds the controller, closed. */
    public ShelfController build() {
      return new ShelfController(this);
    }
  }
}
