package io.ambientretail.devices.smartcard;

import java.io.IOException;

/**
 * A command APDU too long for the card or reader in use: its data (Nc) exceeds 255 bytes or its
 * expected response (Ne) exceeds 256 bytes, and neither extended-length fields nor command chaining
 * are available on this card, reader and protocol. Nothing was sent to the card.
 *
 * <p>An {@link IOException} because the limit belongs to the device (card capabilities in its ATR,
 * the reader's transport), not to the caller's input; callers that can split the work (read a file
 * in 256-byte pieces) catch it and do so.
 */
public final class ApduLengthException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int nc;
  private final int ne;

  /** Creates the exception for a command with {@code nc} data bytes expecting {@code ne}. */
  public ApduLengthException(int nc, int ne, String why) {
    super("command APDU with Nc=" + nc + ", Ne=" + ne + " needs extended length: " + why);
    this.nc = nc;
    this.ne = ne;
  }

  /** The command's data length in bytes. */
  public int nc() {
    return nc;
  }

  /** The command's expected response length in bytes (0 when none expected). */
  public int ne() {
    return ne;
  }
}
