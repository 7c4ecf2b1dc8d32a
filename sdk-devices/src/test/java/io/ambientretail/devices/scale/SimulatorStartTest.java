package io.ambientretail.devices.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.devices.transport.ByteLink;
import io.ambientretail.devices.transport.InMemoryLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A host that speaks first: its command waits on the line before the simulator starts, as when a
 * driver claims the port and asks for the model at once. The simulator must answer it (it once
 * could see its own half-built state and die on the first command).
 */
class SimulatorStartTest {
  @RepeatedTest(20)
  void commandWaitingBeforeStart_isAnswered() throws Exception {
    InMemoryLine line = InMemoryLine.create("scale");
    ByteLink host = line.hostConnector().connect();
    host.write("I2\r\n".getBytes(StandardCharsets.US_ASCII), 0, 4);
    try (MtSicsSimulator sim = MtSicsSimulator.start(line.deviceEnd(Duration.ofSeconds(5)))) {
      StringBuilder got = new StringBuilder();
      byte[] buf = new byte[256];
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!got.toString().contains("\r\n") && System.nanoTime() < deadline) {
        int n = host.read(buf, 0, buf.length);
        got.append(new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
      }
      assertThat(got.toString()).startsWith("I2 A \"AMBIENT-SIM\"");
    } finally {
      host.close();
    }
  }
}
