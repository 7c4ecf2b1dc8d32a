package io.ambientretail.testing.emv;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * An exclusive cross-process lock on the vpcd virtual reader, which takes one card at a time and
 * is shared by the test JVMs of several modules: a {@link FileChannel#lock file lock} on {@code
 * /tmp/ambient-vpcd.lock}, the file every module's vpcd tests agree on. Hold it for the whole
 * time a card is inserted. Not reentrant; close it once.
 */
public final class VpcdReaderLock implements AutoCloseable {
  /** The shared lock file. */
  public static final Path PATH = Path.of("/tmp", "ambient-vpcd.lock");

  private final FileChannel channel;
  private final FileLock lock;

  private VpcdReaderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits up to {@code timeout} for the reader.
   *
   * @throws InterruptedIOException if another holder kept it past the timeout
   */
  public static VpcdReaderLock acquire(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    FileChannel ch = FileChannel.open(PATH, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      while (true) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null; // held elsewhere in this JVM: wait like for any other holder
        }
        if (l != null) {
          return new VpcdReaderLock(ch, l);
        }
        if (System.nanoTime() - deadline >= 0) {
          throw new InterruptedIOException("the vpcd reader lock " + PATH + " was held for "
              + timeout.toMillis() + " ms");
        }
        LockSupport.parkNanos(20_000_000L);
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Releases the reader. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
