package io.ambientretail.devices.scale;

import io.ambientretail.core.AmbientException;
import io.ambientretail.devices.DeviceErrors;

/**
 * A scale response that breaks its protocol (MT-SICS or NCI): the message and {@link #position()}
 * say where. Code {@code FRAME_SYNTAX}.
 */
public final class ScaleFormatException extends AmbientException {
  private static final long serialVersionUID = 1L;

  private final int position;

  /** Creates the exception with a message and the 0-based offset in the frame. */
  public ScaleFormatException(String message, int position) {
    super(DeviceErrors.FRAME_SYNTAX, message + " (at offset " + position + ")");
    this.position = position;
  }

  /** The 0-based offset in the frame where it went wrong. */
  public int position() {
    return position;
  }
}
