package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.devices.smartcard.VpcdLock;
import io.ambientretail.store.cli.AmbientMain;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ambient store demo --real-transports}: every shopper's virtual card is inserted into the
 * vpcd virtual reader and read back through pcscd by the SDK's EMV flow before the hold is placed.
 * Skips when pcscd with vsmartcard-vpcd is not running (scripts/test starts it).
 */
class RealTransportsDemoTest {
  @TempDir Path tmp;

  @Test
  void demo_realTransports_readsEveryEntryCardThroughPcscd() throws Exception {
    assumeTrue(
        VpcdLock.vpcdListening(),
        "pcscd with vsmartcard-vpcd is not running (scripts/test starts it)");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      int code =
          AmbientMain.run(
              new String[] {
                "store",
                "demo",
                "--shoppers",
                "4",
                "--seed",
                "5",
                "--exit-when-done",
                "--port",
                "0",
                "--data",
                tmp.resolve("data").toString(),
                "--gateway",
                acquirer.uri().toString(),
                "--real-transports"
              },
              new PrintWriter(out),
              new PrintWriter(err));
      assertThat(code).as(err.toString()).isZero();
      assertThat(err.toString()).contains("card taps go through pcscd and the vpcd reader");
      List<String> lines = out.toString().strip().lines().toList();
      JsonNode s = new ObjectMapper().readTree(lines.get(lines.size() - 1)).path("summary");
      assertThat(s.path("shoppers").asInt()).isEqualTo(4);
      assertThat(s.path("panLeaks").asInt()).isZero();
      // each card read through the reader became a token the acquirer held money on
      assertThat(acquirer.performed(AcquirerOperation.AUTHORISE)).isEqualTo(4);
      assertThat(acquirer.netMinor("EUR")).isEqualTo(s.path("captured").path("minor").asLong());
    }
  }
}
