package io.ambientretail.devices.transport;

import java.io.IOException;

/**
 * Opens {@link ByteLink}s to one device, again after each loss: a device's reconnect loop calls
 * {@link #connect()} with backoff until it succeeds.
 *
 * <p>Implementations are thread-safe.
 */
public interface Connector {
  /**
   * Opens a new link.
   *
   * @throws IOException if the device is not there (yet)
   */
  ByteLink connect() throws IOException;

  /** A short description, e.g. {@code "serial /dev/ttyUSB0 9600 8N1"}. */
  String describe();
}
