package io.ambientretail.devices;

import java.io.InterruptedIOException;

/** A device did not answer (or acknowledge) a command in time. */
public final class DeviceTimeoutException extends InterruptedIOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the device, the command and the timeout. */
  public DeviceTimeoutException(String message) {
    super(message);
  }
}
