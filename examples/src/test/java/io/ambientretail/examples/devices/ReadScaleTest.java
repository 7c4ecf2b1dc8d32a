package io.ambientretail.examples.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.Weight;
import io.ambientretail.devices.scale.MtSicsSimulator;
import io.ambientretail.devices.transport.InMemoryLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadScaleTest {
  @Test
  void run_againstSimulatedScale_printsModelWeightAndStream() throws Exception {
    InMemoryLine line = InMemoryLine.create("scale");
    CompletableFuture<MtSicsSimulator> sim =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                MtSicsSimulator s =
                    MtSicsSimulator.start(
                        line.deviceEnd(Duration.ofSeconds(10)), Duration.ofMillis(50));
                s.setWeight(Weight.ofMilligrams(250_125), true);
                return s;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int streamed = ReadScale.run(line.hostConnector(), out, Duration.ofMillis(600));
    sim.get(5, TimeUnit.SECONDS).close();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("model: AMBIENT-SIM, 6200.00 g");
    assertThat(text).contains("weighed: 250.125 g (stable)");
    assertThat(text).contains("stable  250.125 g");
    assertThat(streamed).isPositive();
  }
}
