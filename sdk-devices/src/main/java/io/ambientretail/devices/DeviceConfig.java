package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.internal.ConfigReader;
import io.ambientretail.devices.transport.FlowControl;
import io.ambientretail.devices.transport.Parity;
import io.ambientretail.devices.transport.StopBits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of one device, as read from a store's YAML or JSON configuration:
 *
 * <pre>{@code
 * devices:
 *   - id: scale-1
 *     driver: mt-sics          # mt-sics, nci, scanner, shelf, lock, pcsc
 *     transport: serial        # serial (default) or memory (an in-process simulator line)
 *     port: /dev/ttyUSB0
 *     baud: 9600               # dataBits 8, parity none, stopBits 1, flowControl none
 *     claimTimeoutMs: 5000
 *     frameTimeoutMs: 1000
 *     maxFrameBytes: 1024
 *   - id: shelf-1
 *     driver: shelf
 *     port: /dev/ttyUSB1
 *     channels: 8
 *     lanes:
 *       - {channel: 0, lane: A1, zero: 8400, span: 108400, spanGrams: 1000}
 *   - id: card-1
 *     driver: pcsc
 *     reader: "Virtual PCD*"   # a glob over PC/SC reader names
 *   - id: fridges
 *     driver: modbus-temp      # a Modbus RTU line of fridge and freezer controllers
 *     port: /dev/ttyUSB2
 *     parity: even
 *     settings: {sensors: "fridge-1=1,freezer-1=2", register: input:1, scale: 10, pollMs: 1000}
 *   - id: fridge-x
 *     driver: acme-fridge      # a driver plugged in through DeviceDriver (ServiceLoader)
 *     port: /dev/ttyUSB3
 *     settings: {door: left}   # driver-specific settings, as text
 * }</pre>
 *
 * <p>Immutable. Read with {@link #parseYaml(String)} or {@link #parseJson(String)}.
 *
 * @param id the device id
 * @param driver the driver name
 * @param transport {@code serial} or {@code memory}
 * @param port the serial port path, or the in-memory line name; empty for pcsc
 * @param baud baud rate
 * @param dataBits data bits
 * @param parity parity
 * @param stopBits stop bits
 * @param flowControl flow control
 * @param claimTimeout how long claiming waits for the first connection
 * @param frameTimeout how long part of a frame may wait for the rest
 * @param maxFrameBytes the longest frame accepted
 * @param reader the PC/SC reader name glob (pcsc only), else empty
 * @param channels the number of channels (shelf only), else 0
 * @param lanes the lane mapping (shelf only), else empty
 * @param settings driver-specific settings (keys and values as text), else empty
 * @param line the 1-based line of the configuration this came from, 0 when built in code
 */
public record DeviceConfig(
    DeviceId id,
    String driver,
    String transport,
    String port,
    int baud,
    int dataBits,
    Parity parity,
    StopBits stopBits,
    FlowControl flowControl,
    Duration claimTimeout,
    Duration frameTimeout,
    int maxFrameBytes,
    String reader,
    int channels,
    List<Lane> lanes,
    Map<String, String> settings,
    int line) {
  /**
   * The drivers built into the SDK. A registry builds these and any plugged in through {@link
   * DeviceDriver}.
   */
  public static final List<String> DRIVERS =
      List.of("mt-sics", "nci", "scanner", "shelf", "lock", "pcsc", "modbus-temp");

  private static final java.util.regex.Pattern DRIVER_NAME =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /**
   * One shelf lane: a channel mapped to a lane id with its calibration.
   *
   * @param channel the 0-based channel
   * @param lane the lane id
   * @param zero counts with the lane empty
   * @param span counts with {@code spanGrams} on the lane
   * @param spanGrams the reference weight in grams
   */
  public record Lane(int channel, String lane, long zero, long span, long spanGrams) {}

  /** Checks the values (the message names the field and line). */
  public DeviceConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(parity, "parity");
    Objects.requireNonNull(stopBits, "stopBits");
    Objects.requireNonNull(flowControl, "flowControl");
    Objects.requireNonNull(claimTimeout, "claimTimeout");
    Objects.requireNonNull(frameTimeout, "frameTimeout");
    Objects.requireNonNull(reader, "reader");
    lanes = List.copyOf(lanes);
    settings = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(settings));
    String where = id + ": ";
    if (!DRIVER_NAME.matcher(driver).matches()) {
      throw new DeviceConfigException(
          line,
          where
              + "driver '"
              + driver
              + "' is not a driver name (lower case, digits, dashes; built in: "
              + DRIVERS
              + ")");
    }
    if (!transport.equals("serial") && !transport.equals("memory")) {
      throw new DeviceConfigException(
          line, where + "transport must be serial or memory, was '" + transport + "'");
    }
    if (DRIVERS.contains(driver) && !driver.equals("pcsc") && port.isEmpty()) {
      throw new DeviceConfigException(line, where + "port is required for driver " + driver);
    }
    if (baud < 50 || baud > 4_000_000) {
      throw new DeviceConfigException(line, where + "baud must be 50..4000000, was " + baud);
    }
    if (dataBits < 5 || dataBits > 8) {
      throw new DeviceConfigException(line, where + "dataBits must be 5..8, was " + dataBits);
    }
    if (driver.equals("shelf") && (channels < 1 || channels > 256)) {
      throw new DeviceConfigException(line, where + "channels must be 1..256, was " + channels);
    }
    for (Lane l : lanes) {
      if (l.channel() < 0 || l.channel() >= channels) {
        throw new DeviceConfigException(
            line,
            where
                + "lane "
                + l.lane()
                + " channel "
                + l.channel()
                + " is outside 0.."
                + (channels - 1));
      }
    }
  }

  /** A configuration without driver settings, as before settings existed. */
  public DeviceConfig(
      DeviceId id,
      String driver,
      String transport,
      String port,
      int baud,
      int dataBits,
      Parity parity,
      StopBits stopBits,
      FlowControl flowControl,
      Duration claimTimeout,
      Duration frameTimeout,
      int maxFrameBytes,
      String reader,
      int channels,
      List<Lane> lanes,
      int line) {
    this(
        id,
        driver,
        transport,
        port,
        baud,
        dataBits,
        parity,
        stopBits,
        flowControl,
        claimTimeout,
        frameTimeout,
        maxFrameBytes,
        reader,
        channels,
        lanes,
        Map.of(),
        line);
  }

  /** The driver setting {@code key}, or {@code fallback} when it is not set. */
  public String setting(String key, String fallback) {
    String v = settings.get(key);
    return v == null ? fallback : v;
  }

  /**
   * Reads a shelf calibration file: a YAML (or JSON, which YAML includes) mapping with one key,
   * {@code lanes}, a list of {@code {channel, lane, zero, span, spanGrams}} as in a shelf device's
   * {@code lanes} ({@code lane} defaults to {@code ch<channel>}; {@code zero} counts with the lane
   * empty, {@code span} counts with {@code spanGrams} grams on it). At most 1 MiB.
   *
   * <pre>{@code
   * lanes:
   *   - {channel: 0, lane: A1, zero: 8400, span: 108400, spanGrams: 1000}
   * }</pre>
   *
   * @throws DeviceConfigException naming the line and field that is wrong (a channel given twice,
   *     span equal to zero, an unknown field, a value out of range)
   */
  public static List<Lane> parseLanesYaml(String yaml) {
    return ConfigReader.readLanes(yaml, true);
  }

  /**
   * Reads the {@code devices:} list of a YAML document.
   *
   * @throws DeviceConfigException naming the line and field that is wrong
   */
  public static List<DeviceConfig> parseYaml(String yaml) {
    return ConfigReader.read(yaml, true);
  }

  /**
   * Reads the {@code "devices"} array of a JSON document.
   *
   * @throws DeviceConfigException naming the line and field that is wrong
   */
  public static List<DeviceConfig> parseJson(String json) {
    return ConfigReader.read(json, false);
  }
}
