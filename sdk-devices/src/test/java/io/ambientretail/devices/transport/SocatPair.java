package io.ambientretail.devices.transport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A socat pseudo-terminal pair for tests: {@link #hostPath()} and {@link #devicePath()} are
 * symlinks to two connected /dev/pts nodes. {@link #kill()} simulates an unplug, {@link #start()} a
 * replug (same link paths).
 */
public final class SocatPair implements AutoCloseable {
  private final Path host;
  private final Path device;
  private Process process;

  private SocatPair(Path dir) {
    this.host = dir.resolve("host");
    this.device = dir.resolve("device");
  }

  /** Starts socat with links in {@code dir}; skips the test when socat is not installed. */
  public static SocatPair start(Path dir) throws IOException {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/socat")),
        "socat is not installed (scripts/test installs it)");
    SocatPair p = new SocatPair(dir);
    p.start();
    return p;
  }

  /** (Re)starts socat and waits up to 5 s for both links. */
  public void start() throws IOException {
    Files.deleteIfExists(host);
    Files.deleteIfExists(device);
    process =
        new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Process p = process;
    Conditions.await(
        () -> (Files.exists(host) && Files.exists(device)) || !p.isAlive(), Duration.ofSeconds(5));
    if (!(Files.exists(host) && Files.exists(device))) {
      throw new IOException("socat did not create " + host + " and " + device);
    }
  }

  /** Kills socat (both pseudo-terminals go away) and waits for it to exit. */
  public void kill() throws InterruptedException {
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  /** The host end's link path. */
  public String hostPath() {
    return host.toString();
  }

  /** The device (simulator) end's link path. */
  public String devicePath() {
    return device.toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
