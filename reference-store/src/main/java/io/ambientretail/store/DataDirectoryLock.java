package io.ambientretail.store;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The store's claim on its data directory: an exclusive lock on {@code store.lock} in it, taken
 * before the store opens anything else there, so that a second store on the same directory stops at
 * once with one clear message instead of failing part-way on one of its files.
 *
 * <p>The operating system releases the lock when the process ends, also after {@code kill -9}; the
 * empty file stays. Not thread-safe; the store holds one for its life.
 */
final class DataDirectoryLock implements AutoCloseable {
  /** The error code of a data directory another store process (or store) is using. */
  static final ErrorCode IN_USE = ErrorCode.of("STORE_DATA_IN_USE");

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (which exists).
   *
   * @throws AmbientException with {@link #IN_USE} when another process, or another store in this
   *     one, holds it
   * @throws IOException when the lock file cannot be created or opened
   */
  static DataDirectoryLock acquire(Path dir) throws IOException {
    Path file = dir.resolve("store.lock");
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (l == null) {
      ch.close();
      throw new AmbientException(
          IN_USE,
          "data directory "
              + dir
              + " is in use by another store process (it holds "
              + file.getFileName()
              + "); stop that store first or choose another --data directory");
    }
    return new DataDirectoryLock(ch, l);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
