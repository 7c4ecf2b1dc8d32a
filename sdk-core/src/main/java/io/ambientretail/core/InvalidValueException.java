package io.ambientretail.core;

/**
 * Thrown when text or numbers given to a value type (money, GTIN, weight, id) are not valid; the
 * message names the value's problem and, for text, the position where it went wrong.
 */
public final class InvalidValueException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** A GTIN with the wrong length or a non-digit character. */
  public static final ErrorCode GTIN_FORMAT = ErrorCode.of("GTIN_FORMAT");

  /** A GTIN whose check digit does not match. */
  public static final ErrorCode GTIN_CHECK_DIGIT = ErrorCode.of("GTIN_CHECK_DIGIT");

  /** Money text that cannot be parsed, or an amount with too many decimals for its currency. */
  public static final ErrorCode MONEY_FORMAT = ErrorCode.of("MONEY_FORMAT");

  /** Arithmetic on money that would overflow a {@code long} of minor units. */
  public static final ErrorCode MONEY_OVERFLOW = ErrorCode.of("MONEY_OVERFLOW");

  /** Arithmetic on two amounts of different currencies. */
  public static final ErrorCode CURRENCY_MISMATCH = ErrorCode.of("CURRENCY_MISMATCH");

  /** A weight that cannot be parsed or would overflow. */
  public static final ErrorCode WEIGHT_FORMAT = ErrorCode.of("WEIGHT_FORMAT");

  /** An id that is empty, too long or has characters outside its allowed set. */
  public static final ErrorCode ID_FORMAT = ErrorCode.of("ID_FORMAT");

  private final int position;

  /** Creates the exception; {@code position} is the 0-based index in the input, or -1. */
  public InvalidValueException(ErrorCode code, String message, int position) {
    super(code, message);
    this.position = position;
  }

  /** The 0-based position in the input text where it went wrong, or -1 when not positional. */
  public int position() {
    return position;
  }
}
