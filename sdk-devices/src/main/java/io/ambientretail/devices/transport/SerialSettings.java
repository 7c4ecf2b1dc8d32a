package io.ambientretail.devices.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to open a serial port: its path (a device node such as {@code /dev/ttyUSB0}, a
 * pseudo-terminal {@code /dev/pts/N}, or a symlink to one), line settings, the read poll interval
 * and where jSerialComm's native library goes.
 *
 * <p>Defaults: 9600 baud, 8 data bits, no parity, one stop bit, no flow control ("8N1"), a 50 ms
 * read poll interval, and the native library extracted where jSerialComm puts it by default (the
 * temporary folder, which fails on a {@code noexec} /tmp: set {@link
 * Builder#nativeLibraryDirectory(Path)} to a folder on an executable file system then).
 *
 * <p>Immutable.
 */
public final class SerialSettings {
  private final String path;
  private final int baud;
  private final int dataBits;
  private final Parity parity;
  private final StopBits stopBits;
  private final FlowControl flowControl;
  private final Duration pollInterval;
  private final @Nullable Path nativeLibraryDirectory;

  private SerialSettings(Builder b) {
    this.path = b.path;
    this.baud = b.baud;
    this.dataBits = b.dataBits;
    this.parity = b.parity;
    this.stopBits = b.stopBits;
    this.flowControl = b.flowControl;
    this.pollInterval = b.pollInterval;
    this.nativeLibraryDirectory = b.nativeLibraryDirectory;
  }

  /** A builder for the port at {@code path}. */
  public static Builder builder(String path) {
    return new Builder(path);
  }

  /** The port path. */
  public String path() {
    return path;
  }

  /** Baud rate. */
  public int baud() {
    return baud;
  }

  /** Data bits, 5 to 8. */
  public int dataBits() {
    return dataBits;
  }

  /** Parity. */
  public Parity parity() {
    return parity;
  }

  /** Stop bits. */
  public StopBits stopBits() {
    return stopBits;
  }

  /** Flow control. */
  public FlowControl flowControl() {
    return flowControl;
  }

  /** How long one read waits for the first byte before returning 0. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** Where jSerialComm's native library is loaded from or extracted to; null for its default. */
  public @Nullable Path nativeLibraryDirectory() {
    return nativeLibraryDirectory;
  }

  @Override
  public String toString() {
    return path
        + " "
        + baud
        + " "
        + dataBits
        + parity.name().charAt(0)
        + (stopBits == StopBits.ONE ? "1" : stopBits == StopBits.TWO ? "2" : "1.5");
  }

  /** Builds {@link SerialSettings}; not thread-safe. */
  public static final class Builder {
    private final String path;
    private int baud = 9600;
    private int dataBits = 8;
    private Parity parity = Parity.NONE;
    private StopBits stopBits = StopBits.ONE;
    private FlowControl flowControl = FlowControl.NONE;
    private Duration pollInterval = Duration.ofMillis(50);
    private @Nullable Path nativeLibraryDirectory;

    private Builder(String path) {
      this.path = Objects.requireNonNull(path, "path");
    }

    /** Baud rate, 50 to 4,000,000. */
    public Builder baud(int baud) {
      this.baud = baud;
      return this;
    }

    /** Data bits, 5 to 8. */
    public Builder dataBits(int dataBits) {
      this.dataBits = dataBits;
      return this;
    }

    /** Parity. */
    public Builder parity(Parity parity) {
      this.parity = Objects.requireNonNull(parity, "parity");
      return this;
    }

    /** Stop bits. */
    public Builder stopBits(StopBits stopBits) {
      this.stopBits = Objects.requireNonNull(stopBits, "stopBits");
      return this;
    }

    /** Flow control. */
    public Builder flowControl(FlowControl flowControl) {
      this.flowControl = Objects.requireNonNull(flowControl, "flowControl");
      return this;
    }

    /** How long one read waits for the first byte, 1 ms to 10 s. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
      return this;
    }

    /**
     * A folder on an executable file system for jSerialComm's native library (it sets the {@code
     * jSerialComm.library.path} system property before the first port is opened).
     */
    public Builder nativeLibraryDirectory(Path directory) {
      this.nativeLibraryDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public SerialSettings build() {
      if (path.isBlank()) {
        throw new IllegalArgumentException("serial port path is empty");
      }
      if (baud < 50 || baud > 4_000_000) {
        throw new IllegalArgumentException("baud must be 50..4000000, was " + baud);
      }
      if (dataBits < 5 || dataBits > 8) {
        throw new IllegalArgumentException("dataBits must be 5..8, was " + dataBits);
      }
      if (pollInterval.toMillis() < 1 || pollInterval.toMillis() > 10_000) {
        throw new IllegalArgumentException("pollInterval must be 1 ms..10 s, was " + pollInterval);
      }
      return new SerialSettings(this);
    }
  }
}
