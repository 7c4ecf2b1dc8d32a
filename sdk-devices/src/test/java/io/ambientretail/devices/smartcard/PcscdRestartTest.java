package io.ambientretail.devices.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.CardEvent;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.transport.Conditions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts pcscd under a running CardReader and checks it comes back by itself. To leave the
 * machine's pcscd (and other modules' tests) alone, it runs a private pcscd in its own mount
 * namespace (its /run/pcscd bind-mounted to a temporary folder) with a vpcd reader on port 35964,
 * and the reader in a child JVM pointed at that socket with PCSCLITE_CSOCK_NAME (libpcsclite reads
 * it once per process). The private pcscd is started, stopped and restored here, by its own pid.
 */
class PcscdRestartTest {
  private static final int PORT =
      35980; // vpcd also opens PORT + 1; 35963 and 35964 are the shared pcscd's
  private static final String READER = "Ambient Restart PCD";
  @TempDir Path dir;

  /** Runs in the child JVM: a CardReader printing its events as lines. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      CardReader reader =
          CardReader.builder(DeviceId.of("probe"), ReaderPattern.of(READER + "*"))
              .options(
                  io.ambientretail.devices.DeviceOptions.builder()
                      .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                      .build())
              .build();
      reader.addListener(
          e -> {
            if (e instanceof StatusEvent s) {
              System.out.println("status " + s.status());
              if (s.gap() != null) {
                System.out.println("gap " + s.gap().toMillis());
              }
            } else if (e instanceof CardEvent c) {
              System.out.println("card " + (c.present() ? "present" : "removed"));
            }
            System.out.flush();
          });
      reader.open();
      reader.claim(Duration.ofSeconds(20));
      reader.enable();
      System.in.read();
      reader.close();
    }
  }

  private Process startPcscd() throws IOException {
    Path run = dir.resolve("run");
    Path conf = dir.resolve("conf");
    Files.createDirectories(run);
    Files.createDirectories(conf);
    Files.writeString(
        conf.resolve("vpcd"),
        "FRIENDLYNAME \""
            + READER
            + "\"\n"
            + "DEVICENAME   /dev/null:0x"
            + Integer.toHexString(PORT).toUpperCase(java.util.Locale.ROOT)
            + "\n"
            + "LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
            + "CHANNELID    0x"
            + Integer.toHexString(PORT).toUpperCase(java.util.Locale.ROOT)
            + "\n",
        StandardCharsets.US_ASCII);
    Files.deleteIfExists(run.resolve("pcscd.comm"));
    // unshare execs sh, which execs pcscd: the Process's pid is pcscd's own.
    return new ProcessBuilder(
            "unshare",
            "-m",
            "sh",
            "-c",
            "mount --bind '" + run + "' /run/pcscd && exec pcscd -f -c '" + conf + "'")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("pcscd.log").toFile())
        .start();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private final java.util.List<String> seen = new java.util.ArrayList<>();

  private String nextStartingWith(BlockingQueue<String> lines, String prefix) throws Exception {
    String l = lines.poll(30, TimeUnit.SECONDS);
    if (l == null || !l.startsWith(prefix)) {
      throw new AssertionError(
          "expected a line starting '" + prefix + "', got " + l + " after " + seen);
    }
    seen.add(l);
    return l;
  }

  private String next(BlockingQueue<String> lines, String want) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (l == null) {
        throw new AssertionError("child never printed '" + want + "'; it printed " + seen);
      }
      seen.add(l);
      if (l.equals(want)) {
        return l;
      }
    }
  }

  @Test
  void pcscdRestartsUnderRunningReader_readerComesBackByItself() throws Exception {
    assumeTrue(
        Files.exists(Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")),
        "vsmartcard-vpcd is not installed");
    assumeTrue(Files.isDirectory(Path.of("/run/pcscd")), "/run/pcscd is missing");
    Process pcscd = startPcscd();
    Process child = null;
    try {
      assumeTrue(
          Conditions.await(() -> listening(PORT) || !pcscd.isAlive(), Duration.ofSeconds(10))
              && pcscd.isAlive(),
          "cannot run a private pcscd here (unshare/mount not permitted)");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
                  java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
              .redirectErrorStream(true);
      pb.environment().put("PCSCLITE_CSOCK_NAME", dir.resolve("run/pcscd.comm").toString());
      child = pb.start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Process c = child;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                  }
                } catch (IOException ignored) {
                  // child ended
                }
              });
      reader.setDaemon(true);
      reader.start();
      next(lines, "status CONNECTED");
      try (VpcdCardEmulator card =
          VpcdCardEmulator.insert(
              new CardReaderVpcdTest.ChainingCard(), new InetSocketAddress("127.0.0.1", PORT))) {
        next(lines, "card present");
      }
      next(lines, "card removed");

      pcscd.destroy(); // SIGTERM to our own pcscd, by pid
      assertThat(pcscd.waitFor(10, TimeUnit.SECONDS)).isTrue();
      next(lines, "status DISCONNECTED");

      Process again = startPcscd();
      try {
        assertThat(Conditions.await(() -> listening(PORT), Duration.ofSeconds(10))).isTrue();
        next(lines, "status CONNECTED");
        // the CONNECTED that ends the outage carries how long pcscd was gone
        long gapMs = Long.parseLong(nextStartingWith(lines, "gap ").substring(4));
        assertThat(gapMs).isPositive().isLessThan(60_000);
        try (VpcdCardEmulator card =
            VpcdCardEmulator.insert(
                new CardReaderVpcdTest.ChainingCard(), new InetSocketAddress("127.0.0.1", PORT))) {
          next(lines, "card present");
        }
      } finally {
        again.destroy();
        again.waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      if (child != null) {
        child.destroyForcibly();
      }
      pcscd.destroy();
      pcscd.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
