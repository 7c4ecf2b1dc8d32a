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
import io.ambientretail.devices.DoorEvent;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.LaneEvent;
import io.ambientretail.devices.ScanEvent;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.WeightEvent;
import io.ambientretail.devices.smartcard.PcscService;
import io.ambientretail.devices.transport.FlowControl;
import io.ambientretail.devices.transport.Parity;
import io.ambientretail.devices.transport.SerialPorts;
import io.ambientretail.devices.transport.StopBits;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
        "  ambient device watch --driver shelf --port /dev/ttyUSB1 --calibration shelf-1.yaml",
        "",
        "A calibration file (YAML or JSON) gives each channel's zero and span counts:",
        "  lanes:",
        "    - {channel: 0, lane: A1, zero: 8400, span: 108400, spanGrams: 1000}",
        "Lane lines from channels without one say \"calibrated\":false."
      })
  static final class Watch implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--driver",
        required = true,
        description = "mt-sics, nci, scanner, shelf or lock.")
    String driver;

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
      if (driver.equals("pcsc") || !DeviceConfig.DRIVERS.contains(driver)) {
        throw new IllegalArgumentException(
            "--driver must be mt-sics, nci, scanner, shelf or lock," + " was '" + driver + "'");
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
              Parity.NONE,
              StopBits.ONE,
              FlowControl.NONE,
              Duration.ofSeconds(5),
              Duration.ofSeconds(1),
              1024,
              "",
              driver.equals("shelf") ? channels : 0,
              lanes,
              0);
      try (DeviceRegistry registry = DeviceRegistry.builder().build()) {
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
        if (seconds != null) {
          never.await(seconds, TimeUnit.SECONDS);
        } else {
          never.await();
        }
      }
      out.flush();
      return ExitCode.OK;
    }

    /** The calibrated channels of a calibration file, checked against {@code channels}. */
    static Map<Integer, DeviceConfig.Lane> readCalibration(Path file, int channels)
        throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--calibration " + file + " does not exist");
      }
      if (Files.size(file) > 1 << 20) {
        throw new IllegalArgumentException("--calibration " + file + " is larger than 1 MiB");
      }
      List<DeviceConfig.Lane> lanes;
      try {
        lanes = DeviceConfig.parseLanesYaml(Files.readString(file, StandardCharsets.UTF_8));
      } catch (DeviceConfigException e) {
        throw new DeviceConfigException(0, "--calibration " + file + ": " + e.getMessage());
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new IllegalArgumentException("--calibration " + file + " is not UTF-8 text");
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
