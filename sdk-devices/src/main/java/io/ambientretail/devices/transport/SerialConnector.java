package io.ambientretail.devices.transport;

import io.ambientretail.devices.transport.internal.JSerialCommLink;
import java.io.IOException;
import java.util.Objects;

/**
 * Connects to a serial port through jSerialComm, again after each loss (a USB adapter unplugged and
 * plugged back in shows up under the same path).
 *
 * <p>Thread-safe. Nothing is loaded until the first {@link #connect()}.
 */
public final class SerialConnector implements Connector {
  private final SerialSettings settings;

  private SerialConnector(SerialSettings settings) {
    this.settings = settings;
  }

  /** A connector for the port described by {@code settings}. */
  public static SerialConnector of(SerialSettings settings) {
    return new SerialConnector(Objects.requireNonNull(settings, "settings"));
  }

  /** The settings. */
  public SerialSettings settings() {
    return settings;
  }

  /**
   * Opens the port.
   *
   * @throws NativeLibraryException if jSerialComm's native library cannot be loaded
   * @throws IOException if the port does not exist or cannot be opened
   */
  @Override
  public ByteLink connect() throws IOException {
    return JSerialCommLink.open(settings);
  }

  @Override
  public String describe() {
    return "serial " + settings;
  }
}
