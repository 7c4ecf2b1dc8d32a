package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.scale.MtSicsSimulator;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host,
        "pty,raw,echo=0,link=" + dev).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectErrorStream(true).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!(Files.exists(host) && Files.exists(dev)) && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
      try (MtSicsSimulator sim = MtSicsSimulator.start(SerialConnector.of(
          SerialSettings.builder(dev.toString()).build()).connect(), Duration.ofMillis(50))) {
        sim.setWeight(Weight.ofMilligrams(100_250), true);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "device", "watch", "--driver", "mt-sics", "--port",
            host.toString(), "--seconds", "2");
        assertThat(code).as(err.toString()).isEqualTo(0);
        List<JsonNode> events = lines(out);
        JsonNode weight = events.stream().filter(n -> n.path("event").asText().equals("weight"))
            .findFirst().orElseThrow(() -> new AssertionError("no weight in " + out));
        assertThat(weight.get("device").asText()).isEqualTo("scale-1");
        assertThat(weight.get("grams").decimalValue()).isEqualByComparingTo("100.250");
        assertThat(weight.get("stable").asBoolean()).isTrue();
        assertThat(weight.get("t").asText()).endsWith("Z");
        assertThat(err.toString()).contains("watching scale-1");
      }
    } finally {
      socat.destroyForcibly();
      socat.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void watch_missingPort_exits2WithOneLine() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(out, err, "device", "watch", "--driver", "mt-sics", "--port",
        dir.resolve("nope").toString(), "--seconds", "1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().trim().lines()).hasSize(1);
    assertThat(err.toString()).contains("does not exist");
    assertThat(out.toString()).isEmpty();
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
    boolean pcscd = Files.exists(Path.of("/proc/net/tcp"))
        && Files.readString(Path.of("/proc/net/tcp")).contains(":8C7B 00000000:0000 0A");
    if (pcscd) {
      assertThat(l).anyMatch(n -> n.path("type").asText().equals("pcsc")
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
