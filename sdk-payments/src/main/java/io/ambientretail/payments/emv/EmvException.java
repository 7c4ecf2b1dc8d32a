package io.ambientretail.payments.emv;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a card's answers do not allow reading it: no supported application, an unexpected
 * status word, malformed or hostile data. The message names the command (e.g. {@code READ RECORD
 * SFI 2 record 1}), the status word or the byte offset, never card data.
 *
 * <p>A card that is absent or a reader that fails is an {@link java.io.IOException} instead.
 */
public final class EmvException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** No application on the card matches the terminal's list or preferences. */
  public static final ErrorCode EMV_NO_APPLICATION = ErrorCode.of("EMV_NO_APPLICATION");

  /** The card answered a command with an error status word. */
  public static final ErrorCode EMV_STATUS = ErrorCode.of("EMV_STATUS");

  /**
   * The card (or the link to it) answered a status word ISO 7816-4 does not define (SW1 outside
   * 61-6F and 90-9F, such as {@code 0000}), again after one retry: a garbled transmission.
   */
  public static final ErrorCode EMV_TRANSMISSION = ErrorCode.of("EMV_TRANSMISSION");

  /** A response that is malformed (bad TLV, missing template, bad length) or over the limits. */
  public static final ErrorCode EMV_RESPONSE = ErrorCode.of("EMV_RESPONSE");

  /** An Application File Locator entry that is invalid. */
  public static final ErrorCode EMV_AFL = ErrorCode.of("EMV_AFL");

  /** The card held no PAN in 5A, 57, 9F6B or 56. */
  public static final ErrorCode EMV_NO_PAN = ErrorCode.of("EMV_NO_PAN");

  private final int statusWord;

  /** Creates the exception; {@code statusWord} is the card's SW1SW2 or -1. */
  public EmvException(ErrorCode code, String message, int statusWord, @Nullable Throwable cause) {
    super(code, message, cause);
    this.statusWord = statusWord;
  }

  /** The status word the card answered with, or -1 when the failure was not a status word. */
  public int statusWord() {
    return statusWord;
  }
}
