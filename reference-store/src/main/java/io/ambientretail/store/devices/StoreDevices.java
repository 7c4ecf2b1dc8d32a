package io.ambientretail.store.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceConfig;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceRegistry;
import io.ambientretail.devices.LaneEvent;
import io.ambientretail.devices.lock.LockSimulator;
import io.ambientretail.devices.scale.MtSicsSimulator;
import io.ambientretail.devices.scanner.ScannerSimulator;
import io.ambientretail.devices.shelf.LaneCalibration;
import io.ambientretail.devices.shelf.ShelfSimulator;
import io.ambientretail.devices.transport.ByteLink;
import io.ambientretail.devices.transport.Connector;
import io.ambientretail.devices.transport.FlowControl;
import io.ambientretail.devices.transport.InMemoryLine;
import io.ambientretail.devices.transport.Parity;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import io.ambientretail.devices.transport.StopBits;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.engine.ShelfMonitor;
import io.ambientretail.store.sim.SimulatedShelves;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The store's devices, built through sdk-devices' {@link DeviceRegistry} from the devices of {@code
 * store.yaml}: shelves ({@code ShelfController}, the shelf controller line protocol), the kiosk
 * scanner and scale, the door lock. A device whose driver is {@code simulated} gets its simulator
 * on the far end of the line: an in-process {@link InMemoryLine} by default, or a socat
 * pseudo-terminal pair opened by jSerialComm with {@link Transport#PSEUDO_TERMINALS}. Shelf lane
 * readings (calibrated {@link LaneEvent}s, 20 Hz per shelf by default) go to a {@link LaneSink}.
 *
 * <p>Card readers are not in the registry (their PC/SC path needs pcscd); they stay with the
 * store's heartbeat health. Thread-safe; close it to stop devices, simulators and socat.
 */
public final class StoreDevices implements AutoCloseable {
  /** Where simulated devices' bytes travel. */
  public enum Transport {
    /** In-process byte streams: no system packages needed. */
    MEMORY,
    /** socat pseudo-terminals read with jSerialComm, as a USB-serial device would be. */
    PSEUDO_TERMINALS
  }

  /** Receives every calibrated lane reading, on a shelf's delivery thread. */
  @FunctionalInterface
  public interface LaneSink {
    /** A lane weighs {@code weightMg} milligrams now. */
    void reading(String laneId, long weightMg);
  }

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final DeviceRegistry registry;
  private final Map<String, SimulatedShelf> shelfOfLane = new HashMap<>();
  private final Map<String, SimulatedShelf> shelves = new LinkedHashMap<>();
  private final Map<String, InMemoryLine> lines = new HashMap<>();
  private final Map<String, String> kindOf = new LinkedHashMap<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Transport transport;
  private @Nullable ScannerSimulator scanner;
  private @Nullable MtSicsSimulator scale;
  private @Nullable LockSimulator lock;
  private final Map<String, LockSimulator> locks = new HashMap<>();

  /** One simulated shelf controller: its lanes, calibrations and the loads it streams. */
  private static final class SimulatedShelf {
    final String deviceId;
    final List<String> lanes;
    final LaneCalibration[] calibrations;
    final AtomicLongArray loadMg;
    final int hz;
    volatile @Nullable ShelfSimulator simulator;

    SimulatedShelf(String deviceId, List<String> lanes, int hz) {
      this.deviceId = deviceId;
      this.lanes = lanes;
      this.hz = hz;
      this.calibrations = new LaneCalibration[lanes.size()];
      for (int ch = 0; ch < calibrations.length; ch++) {
        calibrations[ch] = calibration(ch);
      }
      this.loadMg = new AtomicLongArray(lanes.size());
    }

    void attach(ByteLink link) {
      ShelfSimulator s = ShelfSimulator.start(link, hz, calibrations);
      for (int ch = 0; ch < lanes.size(); ch++) {
        s.setLoad(ch, Weight.ofMilligrams(loadMg.get(ch)));
      }
      ShelfSimulator old = simulator;
      simulator = s;
      if (old != null) {
        old.close();
      }
    }

    void setLoad(int ch, long mg) {
      loadMg.set(ch, mg);
      ShelfSimulator s = simulator;
      if (s != null) {
        s.setLoad(ch, Weight.ofMilligrams(mg));
      }
    }
  }

  private StoreDevices(Transport transport) {
    this.transport = transport;
    this.registry =
        DeviceRegistry.builder().memoryLines(name -> line(name).hostConnector()).build();
  }

  /**
   * Builds, starts and wires the configured devices.
   *
   * @param config the store configuration (devices and planogram)
   * @param loadMg the weight on each lane now in milligrams (for the shelf simulators)
   * @param transport where simulated devices' bytes travel; {@link Transport#PSEUDO_TERMINALS}
   *     falls back to {@link Transport#MEMORY}, with a note, when socat is not installed
   * @param sink receives the shelves' lane readings
   * @param notes receives one-line notes for the operator (stderr)
   * @param ptyDir where pseudo-terminal links are made
   */
  public static StoreDevices start(
      StoreConfig config,
      Map<String, Long> loadMg,
      Transport transport,
      LaneSink sink,
      Consumer<String> notes,
      Path ptyDir) {
    Transport t = transport;
    if (t == Transport.PSEUDO_TERMINALS && !PseudoTerminalPair.available()) {
      notes.accept(
          "ambient: note: --real-transports: socat is not installed (apt-get install"
              + " socat); the devices use in-process lines instead");
      t = Transport.MEMORY;
    }
    StoreDevices d = new StoreDevices(t);
    try {
      d.build(config, loadMg, sink, notes, ptyDir);
      return d;
    } catch (IOException | RuntimeException e) {
      d.close();
      if (e instanceof IOException io) {
        throw new java.io.UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  private void build(
      StoreConfig config,
      Map<String, Long> loadMg,
      LaneSink sink,
      Consumer<String> notes,
      Path ptyDir)
      throws IOException {
    Map<String, StoreConfig.Shelf> shelvesById = new HashMap<>();
    config.shelves().forEach(s -> shelvesById.put(s.id(), s));
    Map<String, PseudoTerminalPair> ptys = new HashMap<>();
    List<DeviceConfig> configs = new ArrayList<>();
    for (StoreConfig.Device dev : config.devices()) {
      String driver = driverOf(dev);
      if (driver == null) {
        continue;
      }
      boolean simulated = dev.driver().equals("simulated");
      String transportName = simulated && transport == Transport.MEMORY ? "memory" : "serial";
      String port = dev.port();
      if (simulated && transport == Transport.PSEUDO_TERMINALS) {
        PseudoTerminalPair p = PseudoTerminalPair.open(ptyDir, dev.id());
        closeables.add(p);
        ptys.put(dev.id(), p);
        port = p.host().toString();
      } else if (simulated) {
        port = dev.id();
      }
      int channels = 0;
      List<DeviceConfig.Lane> lanes = new ArrayList<>();
      if (driver.equals("shelf")) {
        StoreConfig.Shelf shelf =
            shelvesById.get(
                dev.params()
                    .getOrDefault(
                        "shelf", dev.id().startsWith("shelf-") ? dev.id().substring(6) : dev.id()));
        if (shelf == null || shelf.lanes().isEmpty()) {
          notes.accept("ambient: note: device " + dev.id() + " has no planogram shelf; skipped");
          continue;
        }
        channels = shelf.lanes().size();
        List<String> laneIds = new ArrayList<>();
        for (int ch = 0; ch < channels; ch++) {
          String lane = shelf.lanes().get(ch).id();
          LaneCalibration c = calibration(ch);
          lanes.add(
              new DeviceConfig.Lane(
                  ch, lane, c.zeroCounts(), c.spanCounts(), c.spanWeight().milligrams() / 1000));
          laneIds.add(lane);
        }
        if (simulated) {
          SimulatedShelf s =
              new SimulatedShelf(
                  dev.id(), laneIds, Integer.parseInt(dev.params().getOrDefault("hz", "20")));
          for (int ch = 0; ch < laneIds.size(); ch++) {
            s.loadMg.set(ch, loadMg.getOrDefault(laneIds.get(ch), 0L));
            shelfOfLane.put(laneIds.get(ch), s);
          }
          shelves.put(dev.id(), s);
        }
      }
      configs.add(
          new DeviceConfig(
              DeviceId.of(dev.id()),
              driver,
              transportName,
              port.isEmpty() ? dev.id() : port,
              115_200,
              8,
              Parity.NONE,
              StopBits.ONE,
              FlowControl.NONE,
              WAIT,
              Duration.ofSeconds(1),
              1024,
              "",
              channels,
              lanes,
              0));
      kindOf.put(dev.id(), dev.type());
    }
    registry.addAll(configs);
    for (Device dev : registry.devices()) {
      if (shelves.containsKey(dev.id().value()) || driverIsShelf(configs, dev.id())) {
        dev.addListener(
            e -> {
              if (e instanceof LaneEvent le) {
                sink.reading(le.lane().value(), le.weight().milligrams());
              }
            });
      }
    }
    registry
        .startAll()
        .forEach(
            (id, why) -> notes.accept("ambient: note: device " + id + " did not start: " + why));
    for (StoreConfig.Device dev : config.devices()) {
      if (!dev.driver().equals("simulated") || !kindOf.containsKey(dev.id())) {
        continue;
      }
      ByteLink end = deviceEnd(dev.id(), ptys.get(dev.id()));
      String driver = driverOf(dev);
      switch (driver == null ? "" : driver) {
        case "shelf" -> {
          SimulatedShelf s = shelves.get(dev.id());
          if (s != null) {
            s.attach(end);
          }
        }
        case "scanner" -> scanner = ScannerSimulator.on(end);
        case "mt-sics" -> {
          MtSicsSimulator m = MtSicsSimulator.start(end, Duration.ofMillis(200));
          closeables.add(m);
          scale = m;
        }
        case "lock" -> {
          LockSimulator l = LockSimulator.start(end);
          closeables.add(l);
          locks.put(dev.id(), l);
          if (lock == null) {
            lock = l;
          }
        }
        default -> end.close();
      }
    }
  }

  private static boolean driverIsShelf(List<DeviceConfig> configs, DeviceId id) {
    return configs.stream().anyMatch(c -> c.id().equals(id) && c.driver().equals("shelf"));
  }

  private ByteLink deviceEnd(String id, @Nullable PseudoTerminalPair pty) throws IOException {
    if (pty == null) {
      return line(id).deviceEnd(WAIT);
    }
    Connector c =
        SerialConnector.of(SerialSettings.builder(pty.device().toString()).baud(115_200).build());
    return c.connect();
  }

  private synchronized InMemoryLine line(String name) {
    return lines.computeIfAbsent(name, n -> InMemoryLine.create(n, 16_384, Duration.ofMillis(10)));
  }

  /** The sdk-devices driver for a configured device, or null when it is not in the registry. */
  static @Nullable String driverOf(StoreConfig.Device dev) {
    String type = dev.type().toLowerCase(Locale.ROOT);
    if (!dev.driver().equals("simulated") && DeviceConfig.DRIVERS.contains(dev.driver())) {
      return dev.driver().equals("pcsc") ? null : dev.driver();
    }
    return switch (type) {
      case "shelf" -> "shelf";
      case "scanner" -> "scanner";
      case "scale" -> "mt-sics";
      case "door-lock", "gate" -> "lock";
      default -> null;
    };
  }

  /** The calibration of a simulated channel: 100,000 counts per kilogram over a small zero. */
  static LaneCalibration calibration(int channel) {
    long zero = 8_400 + 37L * channel;
    return LaneCalibration.of(zero, zero + 100_000, Weight.ofGrams(1000));
  }

  /** The weight on each lane for the ledger's on-hand units, in milligrams. */
  public static Map<String, Long> loadsOf(StoreConfig config, Map<String, Integer> onHand) {
    Map<String, Long> out = new HashMap<>();
    for (StoreConfig.Lane l : config.lanes()) {
      out.put(l.id(), Math.max(0, onHand.getOrDefault(l.id(), 0)) * l.unitGrams() * 1000L);
    }
    return out;
  }

  /**
   * The simulated shelves' sensors: loads go to the lanes' shelf simulators, and a change counts as
   * seen once the store's shelf monitor has acted on it (immediately for a lane no simulated
   * controller streams).
   */
  public static SimulatedShelves.Sensors sensorsOf(StoreDevices devices, ShelfMonitor monitor) {
    return new SimulatedShelves.Sensors() {
      @Override
      public void load(String laneId, long mg) {
        devices.setLaneLoad(laneId, mg);
      }

      @Override
      public boolean awaitSeen(String laneId, int units, long timeoutMs) {
        return !devices.simulatesLane(laneId) || monitor.awaitPublished(laneId, units, timeoutMs);
      }
    };
  }

  /** The registry holding the devices. */
  public DeviceRegistry registry() {
    return registry;
  }

  /** The transport the simulated devices use (after any fallback). */
  public Transport transport() {
    return transport;
  }

  /** Ids of the devices in the registry, with their configured type, in configuration order. */
  public Map<String, String> devices() {
    return Map.copyOf(kindOf);
  }

  /** Whether each registry device is online now (connected and answering). */
  public Map<String, Boolean> online() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    registry.health().forEach((id, h) -> out.put(id.value(), h == DeviceHealth.ONLINE));
    return out;
  }

  /** True when a simulated shelf streams this lane. */
  public boolean simulatesLane(String laneId) {
    return shelfOfLane.containsKey(laneId);
  }

  /** Sets the load a simulated lane streams, in milligrams. */
  public void setLaneLoad(String laneId, long mg) {
    SimulatedShelf s = shelfOfLane.get(laneId);
    if (s != null) {
      s.setLoad(s.lanes.indexOf(laneId), mg);
    }
  }

  /** The simulated kiosk scanner, when one is configured. */
  public @Nullable ScannerSimulator scanner() {
    return scanner;
  }

  /** The simulated kiosk scale, when one is configured. */
  public @Nullable MtSicsSimulator scale() {
    return scale;
  }

  /** The simulated door lock, when one is configured. */
  public @Nullable LockSimulator lock() {
    return lock;
  }

  /** The simulated door lock or gate relay with this device id, when there is one. */
  public @Nullable LockSimulator lock(String deviceId) {
    return locks.get(deviceId);
  }

  /** Pulls the cable of a simulated in-process device: it goes offline until {@link #plug}. */
  public void unplug(String deviceId) {
    InMemoryLine l = lines.get(deviceId);
    if (l != null) {
      l.unplug();
    }
  }

  /**
   * Plugs a simulated in-process shelf back in; its simulator restarts once the controller has
   * reconnected (on a short-lived thread, waiting up to 5 s).
   */
  public void plug(String deviceId) {
    InMemoryLine l = lines.get(deviceId);
    if (l == null) {
      return;
    }
    l.plug();
    SimulatedShelf s = shelves.get(deviceId);
    if (s != null) {
      Thread t =
          new Thread(
              () -> {
                try {
                  s.attach(l.deviceEnd(Duration.ofSeconds(30)));
                } catch (IOException e) {
                  // the controller keeps reconnecting; a later plug tries again
                }
              },
              "shelf-replug-" + deviceId);
      t.setDaemon(true);
      t.start();
    }
  }

  @Override
  public void close() {
    registry.close();
    for (SimulatedShelf s : shelves.values()) {
      ShelfSimulator sim = s.simulator;
      if (sim != null) {
        sim.close();
      }
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception ignored) {
        // keep closing the rest
      }
    }
  }
}
