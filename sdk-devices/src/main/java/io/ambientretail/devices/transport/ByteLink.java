package io.ambientretail.devices.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * A connected, bidirectional byte stream to a device: a serial port, one end of an in-memory pair,
 * or anything else that moves bytes. Produced by a {@link Connector}; one per connection.
 *
 * <p>One thread reads and any thread may write. {@link #close()} may be called from any thread and
 * makes a blocked {@link #read} return.
 */
public interface ByteLink extends Closeable {
  /**
   * Reads what is available into {@code buffer}, waiting at most the link's poll interval for the
   * first byte.
   *
   * @return the number of bytes read, 0 when nothing arrived within the poll interval
   * @throws java.io.EOFException or another IOException when the link is gone (unplugged, far end
   *     closed, closed locally)
   */
  int read(byte[] buffer, int offset, int length) throws IOException;

  /** Writes all of the bytes, or throws if the link is gone. */
  void write(byte[] bytes, int offset, int length) throws IOException;

  /** Writes all of {@code bytes}. */
  default void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  /** A short description for status events and errors, e.g. the port path. */
  String name();
}
