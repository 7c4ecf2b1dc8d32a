package io.ambientretail.devices.smartcard;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An exclusive, cross-process lock on the vsmartcard {@code vpcd} virtual reader, held by every
 * test that inserts a card into it: vpcd accepts one card emulator at a time, and test JVMs of
 * several modules (devices, payments) use the same reader.
 *
 * <p>The lock is a {@link FileChannel#lock() file lock} on {@link #DEFAULT_PATH} (so it spans
 * processes and is released by the OS if a JVM dies) plus a semaphore per JVM (file locks are held
 * per process, so two threads of one JVM would otherwise both "hold" it).
 *
 * <pre>{@code
 * try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(60));
 *     VpcdCardEmulator card = VpcdCardEmulator.insert(myCard, VpcdCardEmulator.DEFAULT_ADDRESS)) {
 *   // the reader is ours until the lock is closed
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it exactly once, from any thread.
 */
public final class VpcdLock implements AutoCloseable {
  /** The lock file every module's vpcd tests agree on: {@code /tmp/ambient-vpcd.lock}. */
  public static final Path DEFAULT_PATH = Path.of("/tmp", "ambient-vpcd.lock");

  private static final Semaphore IN_PROCESS = new Semaphore(1, true);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final FileChannel channel;
  private final FileLock lock;
  private boolean released;

  private VpcdLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * True when something listens on the vpcd card port (127.0.0.1:35963, TCP) on this Linux machine,
   * checked in /proc/net/tcp without connecting: a connection to vpcd is a card insertion and would
   * disturb a test that holds the reader. Tests use it to skip when pcscd with vpcd is not running.
   */
  public static boolean vpcdListening() {
    return listening(35963);
  }

  /** True when a TCP socket listens on {@code port} (IPv4 or IPv6), per /proc/net/tcp{,6}. */
  public static boolean listening(int port) {
    String hexPort = String.format(java.util.Locale.ROOT, ":%04X ", port);
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      try {
        for (String line :
            java.nio.file.Files.readAllLines(
                Path.of(table), java.nio.charset.StandardCharsets.US_ASCII)) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 3 && (f[1] + " ").endsWith(hexPort) && f[3].equals("0A")) {
            return true;
          }
        }
      } catch (IOException | RuntimeException e) {
        // no such table (not Linux, or no IPv6): try the next
      }
    }
    return false;
  }

  /** Acquires the lock on {@link #DEFAULT_PATH}, waiting at most {@code timeout}. */
  public static VpcdLock acquire(Duration timeout) throws IOException {
    return acquire(DEFAULT_PATH, timeout);
  }

  /**
   * Acquires the lock on {@code file} (created if absent), waiting at most {@code timeout}.
   *
   * @throws InterruptedIOException if another holder kept it past the timeout, or the thread was
   *     interrupted while waiting
   * @throws IOException if the lock file cannot be opened
   */
  public static VpcdLock acquire(Path file, Duration timeout) throws IOException {
    Objects.requireNonNull(file, "file");
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!IN_PROCESS.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new InterruptedIOException(
            "another test in this JVM held the vpcd reader lock for " + timeout.toMillis() + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the vpcd reader lock");
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // another class loader in this JVM holds it; wait like any other holder
        }
        if (lock != null) {
          return new VpcdLock(channel, lock);
        }
        if (System.nanoTime() - deadline >= 0) {
          throw new InterruptedIOException(
              "another process held the vpcd reader lock "
                  + file
                  + " for "
                  + timeout.toMillis()
                  + " ms");
        }
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the vpcd reader lock");
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      IN_PROCESS.release();
      throw e;
    }
  }

  /** True while this lock is held. */
  public synchronized boolean isHeld() {
    return !released && lock.isValid();
  }

  /** Releases the lock; later calls do nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (released) {
      return;
    }
    released = true;
    try {
      lock.release();
    } finally {
      try {
        channel.close();
      } finally {
        IN_PROCESS.release();
      }
    }
  }
}
