package io.ambientretail.store.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A pair of connected pseudo-terminals made by {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0}:
 * the store's driver opens {@link #host()} with jSerialComm, the device simulator opens {@link
 * #device()}. Close it to end socat.
 */
final class PseudoTerminalPair implements AutoCloseable {
  private static final Path SOCAT = Path.of("/usr/bin/socat");

  private final Process socat;
  private final Path host;
  private final Path device;

  private PseudoTerminalPair(Process socat, Path host, Path device) {
    this.socat = socat;
    this.host = host;
    this.device = device;
  }

  /** True when socat is installed. */
  static boolean available() {
    return Files.isExecutable(SOCAT);
  }

  /**
   * Starts socat with the two terminals linked under {@code dir} as {@code name.host} and {@code
   * name.dev}, waiting up to 5 s for both to appear.
   *
   * @throws IOException if socat cannot start or the terminals do not appear
   */
  static PseudoTerminalPair open(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path host = dir.resolve(name + ".host");
    Path dev = dir.resolve(name + ".dev");
    Files.deleteIfExists(host);
    Files.deleteIfExists(dev);
    Process p =
        new ProcessBuilder(
                SOCAT.toString(),
                "-d",
                "-d",
                "pty,raw,echo=0,link=" + host,
                "pty,raw,echo=0,link=" + dev)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(host) && Files.exists(dev))) {
      if (System.nanoTime() > deadline || !p.isAlive()) {
        p.destroyForcibly();
        throw new IOException("socat did not make the pseudo-terminals for " + name);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return new PseudoTerminalPair(p, host, dev);
  }

  /** The terminal the store's driver opens. */
  Path host() {
    return host;
  }

  /** The terminal the simulator opens. */
  Path device() {
    return device;
  }

  @Override
  public void close() {
    socat.destroy();
    try {
      if (!socat.waitFor(2, TimeUnit.SECONDS)) {
        socat.destroyForcibly();
      }
    } catch (InterruptedException e) {
      socat.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
