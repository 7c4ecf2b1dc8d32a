package io.ambientretail.devices.shelf;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;

/**
 * A shelf controller line that breaks the shelf protocol ({@code FRAME_SYNTAX}) or fails its
 * checksum ({@code FRAME_CHECKSUM}); {@link #position()} says where.
 */
public final class ShelfFormatException extends AmbientException {
  private static final long serialVersionUID = 1L;

  private final int position;

  /** Creates the exception with a code, a message and the 0-based offset in the line. */
  public ShelfFormatException(ErrorCode code, String message, int position) {
    super(code, message + " (at offset " + position + ")");
    this.position = position;
  }

  /** The 0-based offset in the line. */
  public int position() {
    return position;
  }
}
