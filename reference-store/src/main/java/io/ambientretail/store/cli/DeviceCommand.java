package io.ambientretail.store.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.CardEvent;
import io.ambientretail.devices.Device;
import io.ambientretail.devices.DeviceConfig;
import io.ambientretail.devices.DeviceConfigException;
import io.ambientretail.devices.DeviceEvent;
import io.ambientretail.devices.DeviceRegistry;
import io.ambientretail.devices.DeviceStatistics;
import io.ambientretail.devices.DoorEvent;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.HealthCheckLevel;
import io.ambientretail.devices.HealthReport;
import io.ambientretail.devices.LaneEvent;
import io.ambientretail.devices.ScanEvent;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.TemperatureEvent;
import io.ambientretail.devices.WeightEvent;
import io.ambientretail.devices.smartcard.PcscService;
import io.ambientretail.devices.transport.FlowControl;
import io.ambientretail.devices.transport.Parity;
import io.ambientretail.devices.transport.SerialPorts;
import io.ambientretail.devices.transport.StopBits;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ambient device}: find and watch devices. */
@Command(
    name = "device",
    mixinStandardHelpOptions = true,
    description = "Find serial ports and PC/SC readers, and watch a device's events.",
    subcommands = {DeviceCommand.Watch.class, DeviceCommand.ListDevices.class})
final class DeviceCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** One device event as the contract's JSON object (every shelf lane taken as calibrated). */
  static ObjectNode json(DeviceEvent e) {
    return json(e, ch -> true);
  }

  /**
   * One device event as the contract's JSON object. Weights are exact decimals from the integer
   * milligrams with three places ({@code "grams":100.250}), never through a double.
   *
   * @param hostCalibrated whether the host holds a calibration for a shelf channel; a lane reading
   *     from counts on a channel without one carries {@code "calibrated":false} (its grams are the
   *     placeholder 1000 counts = 1 g)
   */
  static ObjectNode json(DeviceEvent e, IntPredicate hostCalibrated) {
    ObjectNode o = JSON.createObjectNode();
    o.put("device", e.device().value());
    if (e instanceof WeightEvent w) {
      o.put("event", "weight");
      o.put("grams", grams(w.weight()));
      o.put("stable", w.stable());
      o.put("unit", w.unit());
    } else if (e instanceof ScanEvent s) {
      o.put("event", "scan");
      o.put("symbology", s.symbology().name());
      o.put("data", s.data());
      if (s.gtin() != null) {
        o.put("gtin", s.gtin().digits14());
      }
      if (!s.addOn().isEmpty()) {
        o.put("addOn", s.addOn());
      }
      if (!s.elements().isEmpty()) {
        ObjectNode ais = o.putObject("ai");
        s.elements().forEach(el -> ais.put(el.ai(), el.value()));
      }
    } else if (e instanceof LaneEvent l) {
      o.put("event", "lane");
      o.put("lane", l.lane().value());
      o.put("channel", l.channel());
      o.put("counts", l.rawCounts());
      o.put("grams", grams(l.weight()));
      o.put("calibrated", l.controllerGrams() || hostCalibrated.test(l.channel()));
      o.put("controllerMs", l.controllerMillis());
    } else if (e instanceof DoorEvent d) {
      o.put("event", "door");
      o.put("change", d.change().name().toLowerCase(java.util.Locale.ROOT));
      o.put("locked", d.boltThrown());
      o.put("open", d.doorOpen());
      if (d.egress()) {
        o.put("egress", true);
      }
      if (!d.detail().isEmpty()) {
        o.put("detail", d.detail());
      }
    } else if (e instanceof TemperatureEvent t) {
      o.put("event", "temperature");
      o.put("sensor", t.sensor());
      o.put("celsius", new DecimalNode(t.temperature().celsius()));
    } else if (e instanceof CardEvent c) {
      o.put("event", c.present() ? "card-present" : "card-removed");
      o.put("reader", c.reader());
      if (c.present()) {
        o.put("atr", java.util.HexFormat.of().withUpperCase().formatHex(c.atr()));
      }
    } else if (e instanceof ErrorEvent r) {
      o.put("event", "error");
      o.put("code", r.code().value());
      o.put("message", r.message());
      o.put("raw", r.raw());
      o.put("recovered", r.recovered());
    } else if (e instanceof StatusEvent s) {
      o.put("event", "status");
      o.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
      o.put("health", s.health().name().toLowerCase(java.util.Locale.ROOT));
      o.put("detail", s.detail());
      if (s.gap() != null) {
        o.put("gapMs", s.gap().toMillis());
      }
    }
    o.put("t", e.at().toString());
    return o;
  }

  /**
   * A device's statistics and health as one JSON line: {@code {"device":..,"event":"stats",
   * "health":"online","reads":N,"errors":N,"reconnects":N,"listenerFailures":N,"dropped":N,
   * "lastError":"..."}}.
   */
  static ObjectNode stats(Device d, HealthReport check) {
    DeviceStatistics s = d.statistics();
    ObjectNode o = JSON.createObjectNode();
    o.put("device", d.id().value());
    o.put("event", "stats");
    o.put("health", check.health().name().toLowerCase(java.util.Locale.ROOT));
    o.put("check", check.level().name().toLowerCase(java.util.Locale.ROOT));
    o.put("healthy", check.healthy());
    o.put("checkDetail", check.detail());
    o.put("reads", s.reads());
    o.put("errors", s.errors());
    o.put("reconnects", s.reconnects());
    o.put("listenerFailures", s.listenerFailures());
    o.put("dropped", s.dropped());
    if (s.lastError() != null) {
      o.put("lastError", s.lastError());
      o.put("lastErrorAt", String.valueOf(s.lastErrorAt()));
    }
    if (s.lastHeard() != null) {
      o.put("lastHeard", s.lastHeard().toString());
    }
    o.put("t", check.at().toString());
    return o;
  }

  /** Grams as an exact JSON number with three decimals, from the integer milligrams. */
  static DecimalNode grams(Weight w) {
    return new DecimalNode(BigDecimal.valueOf(w.milligrams(), 3));
  }

  /** {@code ambient device watch}. */
  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description = "Open a serial device with a driver and print each event as a JSON line.",
      footer = {
        "",
        "Examples:",
        "  ambient device watch --driver mt-sics --port /dev/ttyUSB0 --seconds 10",
        "  ambient device watch --driver scanner --port /dev/ttyACM0",
        "  ambient device watch --driver shelf --port /dev/ttyUSB1 --channels 8",
        "  ambient device watch --driver shelf --port /dev/ttyUSB1 \\",
        "      --calibration shelf-1.yaml",
        "  ambient device watch --driver lock --port /dev/ttyUSB3 --stats 5",
        "  ambient device watch --driver modbus-temp --port /dev/ttyUSB2 --parity even \\",
        "      --setting sensors=fridge-1=1,freezer-1=2 --setting register=input:1 \\",
        "      --stats 10",
        "",
        "A calibration file (YAML or JSON) gives each channel's zero and span counts:",
        "  lanes:",
        "    - {channel: 0, lane: A1, zero: 8400, span: 108400, spanGrams: 1000}",
        "Lane lines from channels without one say \"calibrated\":false.",
        "",
        "--stats N adds a line every N seconds (and one at the end) with the device's",
        "health check (EXTERNAL where the driver offers it) and statistics: reads,",
        "errors, reconnects, listener failures, dropped events, last error."
      })
  static final class Watch implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--driver",
        required = true,
        description = "mt-sics, nci, scanner, shelf, lock, modbus-temp or a plugged-in driver.")
    String driver;

    @Option(
        names = "--parity",
        defaultValue = "none",
        description = "Parity: none, odd, even, mark or space (Modbus lines often use even).")
    String parity;

    @Option(
        names = "--setting",
        paramLabel = "KEY=VALUE",
        description =
            "A driver setting, repeatable (modbus-temp: sensors=name=unit,...; register=input:N;"
                + " scale=10; unit=C|F; pollMs=1000).")
    List<String> settings = new ArrayList<>();

    @Option(
        names = "--stats",
        paramLabel = "SECONDS",
        description = "Print health and statistics every SECONDS, and once at the end.")
    Integer statsEvery;

    @Option(names = "--port", required = true, description = "Serial port path.")
    String port;

    @Option(names = "--baud", defaultValue = "9600", description = "Baud rate.")
    int baud;

    @Option(
        names = "--channels",
        defaultValue = "8",
        description = "Shelf channels (shelf driver).")
    int channels;

    @Option(
        names = "--calibration",
        paramLabel = "FILE",
        description =
            "Shelf calibration, YAML or JSON: lanes: [{channel, lane, zero, span,"
                + " spanGrams}]. Channels without one print \"calibrated\":false and grams ="
                + " counts / 1000.")
    Path calibration;

    @Option(names = "--seconds", description = "Stop after this many seconds.")
    Integer seconds;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (driver.equals("pcsc")) {
        throw new IllegalArgumentException(
            "--driver must be a serial driver (mt-sics, nci, scanner, shelf, lock, modbus-temp or"
                + " a plugged-in one), was 'pcsc'");
      }
      if (statsEvery != null && statsEvery < 1) {
        throw new IllegalArgumentException("--stats must be at least 1, was " + statsEvery);
      }
      Map<String, String> settingMap = new java.util.LinkedHashMap<>();
      for (String kv : settings) {
        int eq = kv.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("--setting must be KEY=VALUE, was '" + kv + "'");
        }
        settingMap.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
      Parity parityValue;
      try {
        parityValue = Parity.valueOf(parity.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--parity must be none, odd, even, mark or space, was '" + parity + "'");
      }
      if (seconds != null && seconds < 1) {
        throw new IllegalArgumentException("--seconds must be at least 1, was " + seconds);
      }
      if (!Files.exists(Path.of(port))) {
        throw new IllegalArgumentException("--port " + port + " does not exist");
      }
      String id = (driver.equals("mt-sics") || driver.equals("nci") ? "scale" : driver) + "-1";
      if (calibration != null && !driver.equals("shelf")) {
        throw new IllegalArgumentException("--calibration is for --driver shelf only");
      }
      if (driver.equals("shelf") && (channels < 1 || channels > 256)) {
        throw new IllegalArgumentException("--channels must be 1..256, was " + channels);
      }
      Map<Integer, DeviceConfig.Lane> calibrated =
          calibration == null ? Map.of() : readCalibration(calibration, channels);
      List<DeviceConfig.Lane> lanes = new ArrayList<>();
      if (driver.equals("shelf")) {
        for (int ch = 0; ch < channels; ch++) {
          lanes.add(calibrated.getOrDefault(ch, new DeviceConfig.Lane(ch, "ch" + ch, 0, 1000, 1)));
        }
        if (calibrated.size() < channels) {
          err.println(
              "ambient: "
                  + (channels - calibrated.size())
                  + " of "
                  + channels
                  + " shelf channel(s) have no calibration: their lane lines say"
                  + " \"calibrated\":false (grams = counts / 1000)"
                  + (calibration == null ? "; give --calibration FILE" : ""));
        }
      }
      DeviceConfig config =
          new DeviceConfig(
              DeviceId.of(id),
              driver,
              "serial",
              port,
              baud,
              8,
              parityValue,
              StopBits.ONE,
              FlowControl.NONE,
              Duration.ofSeconds(5),
              Duration.ofSeconds(1),
              1024,
              "",
              driver.equals("shelf") ? channels : 0,
              lanes,
              settingMap,
              0);
      try (DeviceRegistry registry = DeviceRegistry.builder().build()) {
        if (!registry.drivers().contains(driver)) {
          throw new IllegalArgumentException(
              "--driver must be one of " + registry.drivers() + ", was '" + driver + "'");
        }
        Device device = registry.add(config);
        device.addListener(
            e -> {
              String line = json(e, calibrated::containsKey).toString();
              synchronized (out) {
                out.println(line);
                out.flush();
              }
            });
        err.println(
            "ambient: watching "
                + id
                + " ("
                + driver
                + ") on "
                + port
                + " at "
                + baud
                + " baud"
                + (seconds != null ? " for " + seconds + " s" : "; Ctrl-C stops"));
        err.flush();
        Map<DeviceId, String> failed = registry.startAll();
        if (!failed.isEmpty()) {
          err.println("ambient: " + failed.get(device.id()));
          err.flush();
          return ExitCode.PROBLEM;
        }
        CountDownLatch never = new CountDownLatch(1);
        long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() - end < 0) {
          long left = end - System.nanoTime();
          long step = statsEvery == null ? left : Math.min(left, statsEvery * 1_000_000_000L);
          never.await(step, TimeUnit.NANOSECONDS);
          if (statsEvery != null) {
            printStats(device, out);
          }
        }
      }
      out.flush();
      return ExitCode.OK;
    }

    private static void printStats(Device device, PrintWriter out) {
      HealthReport check = device.checkHealth(HealthCheckLevel.EXTERNAL, Duration.ofSeconds(2));
      if (!check.supported()) {
        check = device.checkHealth(HealthCheckLevel.INTERNAL, Duration.ofSeconds(2));
      }
      String line = stats(device, check).toString();
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    }

    /** The calibrated channels of a calibration file, checked against {@code channels}. */
    static Map<Integer, DeviceConfig.Lane> readCalibration(Path file, int channels)
        throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--calibration " + file + " does not exist");
      }
      // names the line of a byte that is not UTF-8, and refuses more than 1 Mi characters
      String text = InputFile.of(file).readUtf8(1 << 20);
      List<DeviceConfig.Lane> lanes;
      try {
        lanes = DeviceConfig.parseLanesYaml(text);
      } catch (DeviceConfigException e) {
        throw new DeviceConfigException(0, "--calibration " + file + ": " + e.getMessage());
      }
      Map<Integer, DeviceConfig.Lane> byChannel = new java.util.TreeMap<>();
      for (DeviceConfig.Lane l : lanes) {
        if (l.channel() >= channels) {
          throw new IllegalArgumentException(
              "--calibration "
                  + file
                  + ": channel "
                  + l.channel()
                  + " is outside 0.."
                  + (channels - 1)
                  + " (see --channels)");
        }
        byChannel.put(l.channel(), l);
      }
      return byChannel;
    }
  }

  /** {@code ambient device list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List serial ports and PC/SC readers, one JSON line each.",
      footer = {"", "Example:", "  ambient device list"})
  static final class ListDevices implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int found = 0;
      for (SerialPorts.Info p : SerialPorts.list()) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "serial");
        o.put("path", p.path());
        o.put("description", p.description());
        out.println(o);
        found++;
      }
      try {
        for (String r : PcscService.create().readers()) {
          ObjectNode o = JSON.createObjectNode();
          o.put("type", "pcsc");
          o.put("reader", r);
          out.println(o);
          found++;
        }
      } catch (IOException e) {
        err.println("ambient: no PC/SC readers listed: " + e.getMessage());
      }
      err.println("ambient: " + found + " device(s) found");
      out.flush();
      err.flush();
      return ExitCode.OK;
    }
  }
}
