package io.ambientretail.payments.internal;

import io.ambientretail.payments.PaymentsErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only file of records, each framed as a 4-byte big-endian length, a 4-byte CRC-32C of
 * the payload and the payload, and forced to the device before {@link #append} returns.
 *
 * <p>On open, every record is read and checked. A damaged record that reaches the end of the file
 * (a write torn by a crash or power loss), or a tail of zero bytes, is cut off: it was never
 * acknowledged. A damaged record followed by more data is corruption and fails the open with {@link
 * CorruptLogException} naming the offset, so nothing after it is silently dropped.
 *
 * <p>Thread-safe; one process at a time may hold a log open (the caller takes a file lock).
 */
public final class RecordLog implements AutoCloseable {
  /** Largest payload accepted, in bytes. */
  public static final int MAX_RECORD = 1 << 20;

  private final Path file;
  private FileChannel channel;
  private final List<byte[]> recovered;
  private final long truncatedBytes;

  private RecordLog(Path file, FileChannel channel, List<byte[]> recovered, long truncated) {
    this.file = file;
    this.channel = channel;
    this.recovered = recovered;
    this.truncatedBytes = truncated;
  }

  /** Thrown when a record before the end of the log is damaged. */
  public static final class CorruptLogException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CorruptLogException(String message) {
      super(PaymentsErrors.JOURNAL_CORRUPT + ": " + message);
    }
  }

  /** Opens (creating, readable only by its owner) and recovers the log at {@code file}. */
  public static RecordLog open(Path file) throws IOException {
    boolean created = !Files.exists(file);
    if (created) {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      forceDirectory(dir);
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      List<byte[]> records = new ArrayList<>();
      long size = ch.size();
      long end = readAll(ch, size, records, file);
      if (end < size) {
        ch.truncate(end);
        ch.force(true);
      }
      ch.position(end);
      return new RecordLog(file, ch, Collections.unmodifiableList(records), size - end);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static long readAll(FileChannel ch, long size, List<byte[]> out, Path file)
      throws IOException {
    long pos = 0;
    ByteBuffer header = ByteBuffer.allocate(8);
    while (pos < size) {
      if (size - pos < 8) {
        return pos; // torn header
      }
      header.clear();
      readFully(ch, header, pos);
      header.flip();
      int len = header.getInt();
      int crc = header.getInt();
      if (len <= 0 || len > MAX_RECORD) {
        // a torn append leaves a true length; only a zero-filled tail may hold a false one
        if (zeros(ch, pos, size)) {
          return pos;
        }
        throw new CorruptLogException(
            file.getFileName() + ": record at offset " + pos + " has an impossible length " + len);
      }
      if (pos + 8 + len > size) {
        return pos; // the append was torn before its payload was all written
      }
      ByteBuffer payload = ByteBuffer.allocate(len);
      readFully(ch, payload, pos + 8);
      CRC32C c = new CRC32C();
      c.update(payload.array(), 0, len);
      if ((int) c.getValue() != crc) {
        if (pos + 8 + len == size) {
          return pos;
        }
        throw new CorruptLogException(
            file.getFileName()
                + ": record at offset "
                + pos
                + " fails its checksum and is followed by more records");
      }
      out.add(payload.array());
      pos += 8 + len;
    }
    return pos;
  }

  private static boolean zeros(FileChannel ch, long from, long size) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8192);
    long pos = from;
    while (pos < size) {
      b.clear();
      int n = ch.read(b, pos);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (b.get(i) != 0) {
          return false;
        }
      }
      pos += n;
    }
    return true;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      int n = ch.read(b, p);
      if (n < 0) {
        throw new IOException("unexpected end of file at offset " + p);
      }
      p += n;
    }
  }

  /** The records found when the log was opened, in order. */
  public List<byte[]> recovered() {
    return recovered;
  }

  /** How many bytes of a torn tail were cut off when the log was opened. */
  public long truncatedBytes() {
    return truncatedBytes;
  }

  /** Appends one record and forces it to the device before returning. */
  public synchronized void append(byte[] payload) throws IOException {
    if (payload.length == 0 || payload.length > MAX_RECORD) {
      throw new IllegalArgumentException("record must be 1.." + MAX_RECORD + " bytes");
    }
    channel.write(frame(payload));
    channel.force(false);
  }

  private static ByteBuffer frame(byte[] payload) {
    CRC32C c = new CRC32C();
    c.update(payload, 0, payload.length);
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putInt(payload.length).putInt((int) c.getValue()).put(payload).flip();
    return b;
  }

  /**
   * Replaces the whole log with {@code records} atomically: written to a temporary file, forced,
   * renamed over the log, and the directory forced.
   */
  public synchronized void rewrite(List<byte[]> records) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve(file.getFileName() + ".compact");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (byte[] r : records) {
        ByteBuffer b = frame(r);
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
      out.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory(dir);
    channel.close();
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(channel.size());
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some file systems cannot open a directory; the rename is still durable on the next sync
    }
  }

  /** The file, for diagnostics. */
  public Path file() {
    return file;
  }

  /** Closes the file. */
  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
