package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.DeviceId;
import io.ambientretail.core.LaneId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.LaneEvent;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.WeightEvent;
import io.ambientretail.devices.scale.MtSicsSimulator;
import io.ambientretail.devices.shelf.LaneCalibration;
import io.ambientretail.devices.shelf.ShelfSimulator;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static int run(StringWriter out, StringWriter err, String... args) {
    return AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private static List<JsonNode> lines(StringWriter out) throws Exception {
    List<JsonNode> l = new ArrayList<>();
    for (String s : out.toString().split("\n")) {
      if (!s.isBlank()) {
        l.add(JSON.readTree(s));
      }
    }
    return l;
  }

  @Test
  void watch_mtSicsScaleOnPseudoTerminal_printsWeightLines() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
    Path host = dir.resolve("host");
    Path dev = dir.resolve("dev");
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + dev)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true)
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!(Files.exists(host) && Files.exists(dev)) && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
      try (MtSicsSimulator sim =
          MtSicsSimulator.start(
              SerialConnector.of(SerialSettings.builder(dev.toString()).build()).connect(),
              Duration.ofMillis(50))) {
        sim.setWeight(Weight.ofMilligrams(100_250), true);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
            run(
                out,
                err,
                "device",
                "watch",
                "--driver",
                "mt-sics",
                "--port",
                host.toString(),
                "--seconds",
                "2");
        assertThat(code).as(err.toString()).isEqualTo(0);
        List<JsonNode> events = lines(out);
        JsonNode weight =
            events.stream()
                .filter(n -> n.path("event").asText().equals("weight"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no weight in " + out));
        assertThat(weight.get("device").asText()).isEqualTo("scale-1");
        assertThat(weight.get("grams").decimalValue()).isEqualByComparingTo("100.250");
        // exactly three decimals from the integer milligrams, as the text of the JSON line
        assertThat(out.toString()).contains("\"grams\":100.250,");
        assertThat(weight.get("stable").asBoolean()).isTrue();
        assertThat(weight.get("t").asText()).endsWith("Z");
        assertThat(err.toString()).contains("watching scale-1");
      }
    } finally {
      socat.destroyForcibly();
      socat.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** A socat pseudo-terminal pair: {@code host} for the CLI, {@code dev} for the simulator. */
  private Process socat(Path host, Path dev) throws Exception {
    Process socat =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + dev)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(host) && Files.exists(dev)) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    return socat;
  }

  @Test
  void watch_shelfWithCalibrationFile_printsCalibratedGramsAndMarksTheRest() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
    Path host = dir.resolve("host");
    Path dev = dir.resolve("dev");
    Path cal = dir.resolve("shelf.yaml");
    Files.writeString(
        cal,
        "lanes:\n  - {channel: 0, lane: A1, zero: 8400, span: 108400," + " spanGrams: 1000}\n");
    Process socat = socat(host, dev);
    try (ShelfSimulator sim =
        ShelfSimulator.start(
            SerialConnector.of(SerialSettings.builder(dev.toString()).build()).connect(),
            20,
            LaneCalibration.of(8400, 108400, Weight.ofGrams(1000)),
            LaneCalibration.GRAMS)) {
      sim.setLoad(0, Weight.ofMilligrams(355_125));
      sim.setLoad(1, Weight.ofMilligrams(2_000));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          run(
              out,
              err,
              "device",
              "watch",
              "--driver",
              "shelf",
              "--port",
              host.toString(),
              "--channels",
              "2",
              "--calibration",
              cal.toString(),
              "--seconds",
              "2");
      assertThat(code).as(err.toString()).isEqualTo(0);
      List<JsonNode> l = lines(out);
      JsonNode a1 =
          l.stream()
              .filter(n -> n.path("lane").asText().equals("A1"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no lane A1 in " + out));
      // 355.125 g -> counts 8400 + 35512.5 rounded -> back to grams within a count's 0.01 g
      assertThat(a1.get("calibrated").asBoolean()).isTrue();
      assertThat(a1.get("counts").asLong()).isEqualTo(43_913L);
      assertThat(a1.get("grams").decimalValue()).isEqualByComparingTo("355.130");
      JsonNode ch1 =
          l.stream()
              .filter(n -> n.path("channel").asInt(-1) == 1)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no channel 1 in " + out));
      assertThat(ch1.get("calibrated").asBoolean()).isFalse();
      assertThat(ch1.get("counts").asLong()).isEqualTo(2_000L);
      assertThat(ch1.get("grams").decimalValue()).isEqualByComparingTo("2.000");
      assertThat(out.toString()).contains("\"grams\":355.130,");
      assertThat(err.toString()).contains("1 of 2 shelf channel(s) have no calibration");
    } finally {
      socat.destroyForcibly();
      socat.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void watch_calibrationWithSpanEqualToZero_exits2NamingFileAndLine() throws Exception {
    Path cal = dir.resolve("bad.yaml");
    Files.writeString(
        cal,
        "lanes:\n  - {channel: 0, zero: 10, span: 200, spanGrams: 5}\n"
            + "  - {channel: 1, zero: 8400, span: 8400}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(
            run(
                out,
                err,
                "device",
                "watch",
                "--driver",
                "shelf",
                "--port",
                "/dev/null",
                "--calibration",
                cal.toString(),
                "--seconds",
                "1"))
        .isEqualTo(2);
    assertThat(err.toString().trim().lines()).hasSize(1);
    assertThat(err.toString()).contains("DEVICE_CONFIG", "bad.yaml", "line 3", "lanes[1].span");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void watch_calibrationNotUtf8_exits2NamingFileAndLine() throws Exception {
    Path cal = dir.resolve("latin1.yaml");
    Files.write(
        cal,
        "lanes:\n  - {channel: 0, lane: Caf\u00e9, zero: 10, span: 200, spanGrams: 5}\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(
            run(
                out,
                err,
                "device",
                "watch",
                "--driver",
                "shelf",
                "--port",
                "/dev/null",
                "--calibration",
                cal.toString(),
                "--seconds",
                "1"))
        .isEqualTo(2);
    assertThat(err.toString().trim().lines()).hasSize(1);
    assertThat(err.toString()).contains("latin1.yaml line 2: not valid UTF-8 (byte 0xe9");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void watch_calibrationChannelOutsideChannels_exits2() throws Exception {
    Path cal = dir.resolve("cal.json");
    Files.writeString(cal, "{\"lanes\": [{\"channel\": 9, \"zero\": 0, \"span\": 100}]}");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(
            run(
                out,
                err,
                "device",
                "watch",
                "--driver",
                "shelf",
                "--port",
                "/dev/null",
                "--channels",
                "8",
                "--calibration",
                cal.toString(),
                "--seconds",
                "1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("channel 9 is outside 0..7");
  }

  @Test
  void watch_calibrationForAScale_exits2() throws Exception {
    Path cal = dir.resolve("cal.yaml");
    Files.writeString(cal, "lanes: []\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(
            run(
                out,
                err,
                "device",
                "watch",
                "--driver",
                "nci",
                "--port",
                "/dev/null",
                "--calibration",
                cal.toString(),
                "--seconds",
                "1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--calibration is for --driver shelf only");
  }

  @Test
  void json_laneFromControllerGrams_isCalibratedWithoutHostCalibration() {
    LaneEvent e =
        new LaneEvent(
            DeviceId.of("shelf-1"),
            Instant.parse("2026-11-27T10:00:00Z"),
            LaneId.of("ch3"),
            3,
            12_500,
            Weight.ofMilligrams(12_500),
            77,
            true);
    String line = DeviceCommand.json(e, ch -> false).toString();
    assertThat(line).contains("\"grams\":12.500", "\"calibrated\":true");
    LaneEvent raw =
        new LaneEvent(
            DeviceId.of("shelf-1"),
            Instant.parse("2026-11-27T10:00:00Z"),
            LaneId.of("ch3"),
            3,
            0,
            Weight.ZERO,
            77);
    assertThat(DeviceCommand.json(raw, ch -> false).toString())
        .contains("\"grams\":0.000", "\"calibrated\":false");
  }

  @Test
  void json_negativeAndLargeWeights_exactDecimalNoExponent() {
    WeightEvent w =
        new WeightEvent(
            DeviceId.of("scale-1"),
            Instant.parse("2026-11-27T10:00:00Z"),
            Weight.ofMilligrams(-1_500),
            false,
            "g");
    assertThat(DeviceCommand.json(w).toString()).contains("\"grams\":-1.500,");
    WeightEvent big =
        new WeightEvent(
            DeviceId.of("scale-1"),
            Instant.parse("2026-11-27T10:00:00Z"),
            Weight.ofMilligrams(150_000_000_000L),
            true,
            "kg");
    assertThat(DeviceCommand.json(big).toString()).contains("\"grams\":150000000.000,");
  }

  @Test
  void json_reconnectStatus_carriesTheGapInMilliseconds() {
    StatusEvent back =
        new StatusEvent(
            DeviceId.of("scale-1"),
            Instant.parse("2026-11-27T10:00:01.250Z"),
            StatusEvent.Status.CONNECTED,
            DeviceHealth.ONLINE,
            "/dev/ttyUSB0",
            Duration.ofMillis(1_250));
    assertThat(DeviceCommand.json(back).toString())
        .contains("\"status\":\"connected\"", "\"gapMs\":1250");
    StatusEvent first =
        new StatusEvent(
            DeviceId.of("scale-1"),
            Instant.parse("2026-11-27T10:00:00Z"),
            StatusEvent.Status.CONNECTED,
            DeviceHealth.ONLINE,
            "/dev/ttyUSB0");
    assertThat(DeviceCommand.json(first).toString()).doesNotContain("gapMs");
  }

  @Test
  void watch_missingPort_exits2WithOneLine() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        run(
            out,
            err,
            "device",
            "watch",
            "--driver",
            "mt-sics",
            "--port",
            dir.resolve("nope").toString(),
            "--seconds",
            "1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().trim().lines()).hasSize(1);
    assertThat(err.toString()).contains("does not exist");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void watch_modbusFridgesWithStats_printsTemperaturesHealthAndStatistics() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
    Path host = dir.resolve("host");
    Path dev = dir.resolve("dev");
    Process socat = socat(host, dev);
    try (io.ambientretail.devices.sim.ModbusTemperatureSimulator sim =
        io.ambientretail.devices.sim.ModbusTemperatureSimulator.start(
            SerialConnector.of(
                    SerialSettings.builder(dev.toString())
                        .parity(io.ambientretail.devices.transport.Parity.EVEN)
                        .build())
                .connect(),
            1,
            2)) {
      sim.temperature(1, io.ambientretail.devices.Temperature.ofCentiCelsius(410));
      sim.silent(2, true); // the freezer's controller does not answer
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          run(
              out,
              err,
              "device",
              "watch",
              "--driver",
              "modbus-temp",
              "--port",
              host.toString(),
              "--parity",
              "even",
              "--setting",
              "sensors=fridge-1=1,freezer-1=2",
              "--setting",
              "pollMs=200",
              "--stats",
              "1",
              "--seconds",
              "2");
      assertThat(code).as(err.toString()).isEqualTo(0);
      List<JsonNode> events = lines(out);
      JsonNode t =
          events.stream()
              .filter(n -> n.path("event").asText().equals("temperature"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no temperature in " + out));
      assertThat(t.get("sensor").asText()).isEqualTo("fridge-1");
      assertThat(out.toString()).contains("\"celsius\":4.10");
      List<JsonNode> stats =
          events.stream().filter(n -> n.path("event").asText().equals("stats")).toList();
      assertThat(stats).hasSizeGreaterThanOrEqualTo(2);
      JsonNode last = stats.get(stats.size() - 1);
      assertThat(last.get("check").asText()).isEqualTo("external");
      assertThat(last.get("healthy").asBoolean()).isTrue();
      assertThat(last.get("reads").asLong()).isPositive();
      assertThat(last.get("errors").asLong()).isPositive();
      assertThat(last.get("lastError").asText()).contains("freezer-1");
    } finally {
      socat.destroyForcibly();
      socat.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void watch_unknownDriver_exits2() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "device", "watch", "--driver", "laser", "--port", "/dev/null"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--driver must be");
  }

  @Test
  void list_printsJsonLinesAndPcscReadersWhenPcscdRuns() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "device", "list")).isEqualTo(0);
    List<JsonNode> l = lines(out);
    assertThat(l).allMatch(n -> n.has("type"));
    assertThat(err.toString()).contains("device(s) found");
    // vpcd listening (checked without connecting: a connection would insert a card)
    boolean pcscd =
        Files.exists(Path.of("/proc/net/tcp"))
            && Files.readString(Path.of("/proc/net/tcp")).contains(":8C7B 00000000:0000 0A");
    if (pcscd) {
      assertThat(l)
          .anyMatch(
              n ->
                  n.path("type").asText().equals("pcsc")
                      && n.path("reader").asText().startsWith("Virtual PCD"));
    }
  }

  @Test
  void help_hasExample() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "device", "watch", "--help")).isEqualTo(0);
    assertThat(out.toString()).contains("Example", "--driver mt-sics");
  }
}
