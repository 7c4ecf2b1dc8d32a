package io.ambientretail.devices.transport;

import java.io.IOException;

/**
 * jSerialComm could not load its native library: most often because the temporary folder it
 * extracts to is mounted {@code noexec}. The message says where it looked and how to point it
 * elsewhere ({@link SerialSettings.Builder#nativeLibraryDirectory}).
 */
public final class NativeLibraryException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the message and the linkage error behind it. */
  public NativeLibraryException(String message, Throwable cause) {
    super(message, cause);
  }
}
