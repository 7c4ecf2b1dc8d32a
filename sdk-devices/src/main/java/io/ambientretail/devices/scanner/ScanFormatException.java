package io.ambientretail.devices.scanner;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;

/**
 * A scanned code that is not valid: a GTIN or SSCC with a wrong check digit ({@code
 * SCAN_CHECK_DIGIT}) or data that breaks its symbology or the GS1 element string syntax ({@code
 * SCAN_INVALID}). The message and {@link #position()} say where.
 */
public final class ScanFormatException extends AmbientException {
  private static final long serialVersionUID = 1L;

  private final int position;

  /** Creates the exception with a code, a message and the 0-based position in the scan line. */
  public ScanFormatException(ErrorCode code, String message, int position) {
    super(code, message + " (at offset " + position + ")");
    this.position = position;
  }

  /** The 0-based offset in the scan line (after any prefix) where the code went wrong. */
  public int position() {
    return position;
  }
}
