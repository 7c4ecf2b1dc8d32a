package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.LaneId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.lock.DoorLock;
import io.ambientretail.devices.scale.MtSicsScale;
import io.ambientretail.devices.scale.NciScale;
import io.ambientretail.devices.scanner.BarcodeScanner;
import io.ambientretail.devices.shelf.LaneCalibration;
import io.ambientretail.devices.shelf.ShelfController;
import io.ambientretail.devices.smartcard.CardReader;
import io.ambientretail.devices.smartcard.ReaderPattern;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.FrameLimits;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The devices of one store, built from {@link DeviceConfig}s (read from YAML or JSON), started
 * together and asked for their health. Not a global registry: a store makes one and closes it.
 *
 * <pre>{@code
 * try (DeviceRegistry devices = DeviceRegistry.builder().options(options).build()) {
 *   devices.addAll(DeviceConfig.parseYaml(Files.readString(path)));
 *   devices.startAll();            // open, claim, enable; failures reported per device
 *   devices.health();              // {scale-1=ONLINE, shelf-1=RECONNECTING, ...}
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DeviceRegistry implements AutoCloseable {
  private final DeviceOptions options;
  private final @Nullable Function<String, Connector> memoryLines;
  private final Map<DeviceId, Device> devices = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<DeviceId, DeviceConfig> configs =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<DeviceId, String> failures = Collections.synchronizedMap(new LinkedHashMap<>());

  private DeviceRegistry(Builder b) {
    this.options = b.options;
    this.memoryLines = b.memoryLines;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a device from {@code config} and adds it (closed).
   *
   * @throws DeviceConfigException if the id is taken or the transport cannot be made
   */
  public Device add(DeviceConfig config) {
    Objects.requireNonNull(config, "config");
    if (devices.containsKey(config.id())) {
      throw new DeviceConfigException(
          config.line(), "device id '" + config.id() + "' is used twice");
    }
    Device d = build(config);
    devices.put(config.id(), d);
    configs.put(config.id(), config);
    return d;
  }

  /** Adds every configuration in order. */
  public List<Device> addAll(List<DeviceConfig> all) {
    List<Device> out = new ArrayList<>();
    for (DeviceConfig c : all) {
      out.add(add(c));
    }
    return out;
  }

  private Device build(DeviceConfig c) {
    DeviceOptions.Builder ob =
        DeviceOptions.builder()
            .clock(options.clock())
            .backoff(options.initialBackoff(), options.maxBackoff())
            .frameLimits(new FrameLimits(c.maxFrameBytes(), c.frameTimeout()));
    if (options.bus() != null && options.store() != null) {
      ob.bus(options.bus(), options.store());
    }
    if (options.executor() != null) {
      ob.executor(options.executor());
    }
    DeviceOptions o = ob.build();
    if (c.driver().equals("pcsc")) {
      return CardReader.builder(c.id(), ReaderPattern.of(c.reader())).options(o).build();
    }
    Connector connector = connector(c);
    switch (c.driver()) {
      case "mt-sics":
        return MtSicsScale.builder(c.id(), connector).options(o).build();
      case "nci":
        return NciScale.builder(c.id(), connector).options(o).build();
      case "scanner":
        return BarcodeScanner.builder(c.id(), connector).options(o).build();
      case "lock":
        return DoorLock.builder(c.id(), connector).options(o).build();
      case "shelf":
        ShelfController.Builder sb =
            ShelfController.builder(c.id(), connector, c.channels()).options(o);
        for (DeviceConfig.Lane l : c.lanes()) {
          try {
            sb.lane(
                l.channel(),
                LaneId.of(l.lane()),
                LaneCalibration.of(l.zero(), l.span(), Weight.ofGrams(l.spanGrams())));
          } catch (RuntimeException e) {
            throw new DeviceConfigException(
                c.line(), c.id() + ": lane " + l.lane() + ": " + e.getMessage());
          }
        }
        return sb.build();
      default:
        throw new DeviceConfigException(c.line(), c.id() + ": unknown driver " + c.driver());
    }
  }

  private Connector connector(DeviceConfig c) {
    if (c.transport().equals("memory")) {
      if (memoryLines == null) {
        throw new DeviceConfigException(
            c.line(), c.id() + ": transport memory needs DeviceRegistry.Builder.memoryLines(...)");
      }
      return memoryLines.apply(c.port());
    }
    return SerialConnector.of(
        SerialSettings.builder(c.port())
            .baud(c.baud())
            .dataBits(c.dataBits())
            .parity(c.parity())
            .stopBits(c.stopBits())
            .flowControl(c.flowControl())
            .build());
  }

  /** The device with {@code id}, or null. */
  public @Nullable Device device(DeviceId id) {
    return devices.get(id);
  }

  /** Every device, in the order added. */
  public List<Device> devices() {
    synchronized (devices) {
      return List.copyOf(devices.values());
    }
  }

  /**
   * Opens, claims (with each device's claim timeout) and enables every closed device. A device that
   * cannot be claimed stays opened, reports {@link DeviceHealth#FAILED} and is listed in the
   * result, and the others start regardless.
   *
   * @return the devices that failed to start, with the reason; empty when all started
   */
  public Map<DeviceId, String> startAll() {
    Map<DeviceId, String> failed = new LinkedHashMap<>();
    for (Device d : devices()) {
      DeviceConfig c = configs.get(d.id());
      try {
        if (d.state() == DeviceState.CLOSED) {
          d.open();
        }
        if (d.state() == DeviceState.OPENED) {
          d.claim(c.claimTimeout());
        }
        if (d.state() == DeviceState.CLAIMED) {
          d.enable();
        }
        failures.remove(d.id());
      } catch (IOException | RuntimeException e) {
        failed.put(d.id(), e.getMessage() == null ? e.toString() : e.getMessage());
        failures.put(d.id(), failed.get(d.id()));
      }
    }
    return failed;
  }

  /** Each device's health; a device whose start failed reports {@link DeviceHealth#FAILED}. */
  public Map<DeviceId, DeviceHealth> health() {
    Map<DeviceId, DeviceHealth> out = new LinkedHashMap<>();
    for (Device d : devices()) {
      out.put(d.id(), failures.containsKey(d.id()) ? DeviceHealth.FAILED : d.health());
    }
    return out;
  }

  /** Closes every device (releasing ports and readers). */
  @Override
  public void close() {
    for (Device d : devices()) {
      d.close();
    }
  }

  /** Builds a {@link DeviceRegistry}; not thread-safe. */
  public static final class Builder {
    private DeviceOptions options = DeviceOptions.defaults();
    private @Nullable Function<String, Connector> memoryLines;

    private Builder() {}

    /**
     * Options every device shares (clock, bus, executor, backoff); framing limits come from each
     * device's configuration.
     */
    public Builder options(DeviceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Resolves {@code transport: memory} ports (line names) to connectors, e.g. for a demo. */
    public Builder memoryLines(Function<String, Connector> lines) {
      this.memoryLines = Objects.requireNonNull(lines, "lines");
      return this;
    }

    /** Builds the registry, empty. */
    public DeviceRegistry build() {
      return new DeviceRegistry(this);
    }
  }
}
