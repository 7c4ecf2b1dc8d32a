package io.ambientretail.inventory.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Replays of many shoppers in a JVM with a small heap: memory is bounded by {@link ReplayLimits}
 * and small per shopper, and the limit refuses with a typed error instead of running out.
 */
class ReplayMemoryTest {
  private static final String HEAP = "-Xmx64m";

  @Test
  void stream_100kShoppersWhoNeverLeave_fitsIn64Megabytes() throws Exception {
    String out = probe(100_000, 0, "stay");
    assertThat(out).startsWith("receipts=100000 ");
  }

  @Test
  void stream_100kTrackedShoppersWhoLeave_fitsIn64Megabytes() throws Exception {
    String out = probe(100_000, 5, "leave");
    assertThat(out).startsWith("receipts=100000 ");
  }

  @Test
  void stream_oneShopperPastTheDefaultLimit_refusesTypedInsteadOfRunningOutOfMemory()
      throws Exception {
    String out = probe(100_001, 0, "stay");
    // Line 1 is the lane; shopper 100,001 enters on line 100,002.
    assertThat(out).isEqualTo("limit=FUSION_REPLAY_LIMIT line=100002");
  }

  private static String probe(int shoppers, int tracks, String mode)
      throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java.toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                ReplayHeapProbe.class.getName(),
                Integer.toString(shoppers),
                Integer.toString(tracks),
                mode));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] all = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
    String text = new String(all, StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }
}
