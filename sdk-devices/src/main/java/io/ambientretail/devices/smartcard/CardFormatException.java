package io.ambientretail.devices.smartcard;

import io.ambientretail.core.AmbientException;
import io.ambientretail.devices.DeviceErrors;

/**
 * An Answer To Reset or a command APDU whose bytes break ISO 7816-3/-4 encoding: the message and
 * {@link #position()} say where. Code {@code APDU_SYNTAX}.
 *
 * <p>Security: the message names lengths and offsets only, never the bytes (a command APDU may hold
 * card data).
 */
public final class CardFormatException extends AmbientException {
  private static final long serialVersionUID = 1L;

  private final int position;

  /** Creates the exception with a message and the 0-based offset where the bytes went wrong. */
  public CardFormatException(String message, int position) {
    super(DeviceErrors.APDU_SYNTAX, message + " (at offset " + position + ")");
    this.position = position;
  }

  /** The 0-based offset in the ATR or APDU where it went wrong. */
  public int position() {
    return position;
  }
}
