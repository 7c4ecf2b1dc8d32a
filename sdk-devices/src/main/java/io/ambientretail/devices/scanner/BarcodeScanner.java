package io.ambientretail.devices.scanner;

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
import io.ambientretail.devices.ScanEvent;
import io.ambientretail.devices.internal.DeviceCore;
import io.ambientretail.devices.internal.LinkPump;
import io.ambientretail.devices.internal.Protocol;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.FrameDecoder;
import io.ambientretail.devices.transport.FrameLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * A serial barcode scanner that sends one line per scan: an optional prefix (e.g. STX), an AIM
 * symbology identifier and the data, then a suffix (CR LF by default). Each valid line becomes a
 * {@link ScanEvent}; an invalid code (bad check digit, broken GS1 string) becomes an {@link
 * io.ambientretail.devices.ErrorEvent} with {@code SCAN_CHECK_DIGIT} or {@code SCAN_INVALID}.
 *
 * <pre>{@code
 * BarcodeScanner scanner = BarcodeScanner.builder(DeviceId.of("scanner-1"),
 *     SerialConnector.of(SerialSettings.builder("/dev/ttyACM0").build())).build();
 * scanner.addListener(e -> System.out.println(e));
 * scanner.open();
 * scanner.claim(Duration.ofSeconds(5));
 * scanner.enable();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class BarcodeScanner implements Device {
  private final DeviceCore core;

  private BarcodeScanner(Builder b) {
    ScanParser parser = b.parser;
    byte[] prefix = b.prefix;
    byte[] terminators = b.terminators;
    Protocol protocol =
        new Protocol() {
          @Override
          public FrameDecoder newDecoder(FrameLimits limits) {
            return FrameDecoder.delimited(limits, terminators);
          }

          @Override
          public void onFrame(byte[] buf, int off, int len, DeviceCore c) {
            int skip = 0;
            if (prefix.length > 0 && len >= prefix.length) {
              boolean has = true;
              for (int i = 0; i < prefix.length; i++) {
                if (buf[off + i] != prefix[i]) {
                  has = false;
                  break;
                }
              }
              skip = has ? prefix.length : 0;
            }
            try {
              Scan s = parser.parse(buf, off + skip, len - skip);
              c.emit(
                  new ScanEvent(
                      c.id(),
                      c.options().clock().instant(),
                      s.symbology(),
                      s.data(),
                      s.gtin(),
                      s.elements(),
                      s.addOn(),
                      s.embedded()));
            } catch (ScanFormatException e) {
              c.error(e.code(), e.getMessage(), buf, off, len, true);
            } catch (RuntimeException e) {
              c.error(
                  DeviceErrors.SCAN_INVALID,
                  e.getMessage() == null ? e.toString() : e.getMessage(),
                  buf,
                  off,
                  len,
                  true);
            }
          }
        };
    this.core =
        new DeviceCore(
            b.id, DeviceKind.SCANNER, b.options, c -> new LinkPump(c, b.connector, protocol));
  }

  /** A builder for a scanner reached through {@code connector}. */
  public static Builder builder(DeviceId id, Connector connector) {
    return new Builder(id, connector);
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
   * INTERNAL only: a serial scanner answers no command (it only sends scans), so there is nothing
   * to ask; the check says whether the port is connected.
   */
  @Override
  public HealthReport checkHealth(HealthCheckLevel level, Duration timeout) {
    return core.checkHealth(level, timeout, null);
  }

  @Override
  public String toString() {
    return "BarcodeScanner[" + core.id() + " " + core.state() + " " + core.health() + "]";
  }

  /** Builds a {@link BarcodeScanner}; not thread-safe. */
  public static final class Builder {
    private final DeviceId id;
    private final Connector connector;
    private DeviceOptions options = DeviceOptions.defaults();
    private ScanParser parser = ScanParser.create();
    private byte[] prefix = new byte[0];
    private byte[] terminators = {'\r', '\n'};

    private Builder(DeviceId id, Connector connector) {
      this.id = Objects.requireNonNull(id, "id");
      this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** Shared device options (clock, bus, executor, limits, backoff). */
    public Builder options(DeviceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The parser (e.g. with another length limit). */
    public Builder parser(ScanParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    /** Bytes the scanner sends before each code, stripped when present (default none). */
    public Builder prefix(byte... prefix) {
      this.prefix = prefix.clone();
      return this;
    }

    /** Bytes any of which ends a line (default CR and LF). */
    public Builder suffix(byte... terminators) {
      if (terminators.length == 0) {
        throw new IllegalArgumentException("at least one suffix byte is needed");
      }
      this.terminators = terminators.clone();
      return this;
    }

    /** Builds the scanner, closed. */
    public BarcodeScanner build() {
      return new BarcodeScanner(this);
    }
  }
}
