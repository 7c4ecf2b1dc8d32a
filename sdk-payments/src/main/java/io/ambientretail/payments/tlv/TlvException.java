package io.ambientretail.payments.tlv;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;

/**
 * Thrown when BER-TLV bytes are malformed or exceed the {@link TlvLimits}: the message and {@link
 * #offset()} name the byte offset (from the start of the array given to the reader) where the input
 * went wrong.
 *
 * <p>Messages name tags, lengths and offsets, never value bytes, so card data never reaches a log
 * through this exception.
 */
public final class TlvException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** A tag or length field runs past the end of the data. */
  public static final ErrorCode TLV_TRUNCATED = ErrorCode.of("TLV_TRUNCATED");

  /** A value's length runs past the end of the data or of the enclosing template. */
  public static final ErrorCode TLV_LENGTH_PAST_END = ErrorCode.of("TLV_LENGTH_PAST_END");

  /** The indefinite length form ({@code 80}), which EMV does not allow. */
  public static final ErrorCode TLV_INDEFINITE_LENGTH = ErrorCode.of("TLV_INDEFINITE_LENGTH");

  /** A length field longer than four bytes, or a length larger than the limits allow. */
  public static final ErrorCode TLV_LENGTH_TOO_LARGE = ErrorCode.of("TLV_LENGTH_TOO_LARGE");

  /** A tag longer than four bytes. */
  public static final ErrorCode TLV_TAG_TOO_LONG = ErrorCode.of("TLV_TAG_TOO_LONG");

  /** Constructed templates nested deeper than the limits allow. */
  public static final ErrorCode TLV_TOO_DEEP = ErrorCode.of("TLV_TOO_DEEP");

  /** More objects, or more input bytes, than the limits allow. */
  public static final ErrorCode TLV_TOO_MANY = ErrorCode.of("TLV_TOO_MANY");

  private final int offset;

  /** Creates the exception; {@code offset} is the byte offset where the input went wrong. */
  public TlvException(ErrorCode code, String message, int offset) {
    super(code, message + " at byte offset " + offset);
    this.offset = offset;
  }

  /** The byte offset, from the start of the array, where the input went wrong. */
  public int offset() {
    return offset;
  }
}
