package io.ambientretail.payments.tokenize;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;

/**
 * Thrown for invalid card data, FF1 input or tokens, and for a detokenization the policy refuses.
 * Messages say what and where (position, length, key version) and never contain card digits.
 */
public final class TokenizationException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** PAN text with a non-digit or a length outside 12..19. */
  public static final ErrorCode PAN_FORMAT = ErrorCode.of("PAN_FORMAT");

  /** A PAN that fails the Luhn check where the token policy needs a valid one. */
  public static final ErrorCode PAN_LUHN = ErrorCode.of("PAN_LUHN");

  /** FF1 input outside the radix, too short or too long, or a tweak too long. */
  public static final ErrorCode FF1_INPUT = ErrorCode.of("FF1_INPUT");

  /** Token text that is not a token this tokenizer could have made. */
  public static final ErrorCode TOKEN_FORMAT = ErrorCode.of("TOKEN_FORMAT");

  /** A token made with a key version this tokenizer does not hold. */
  public static final ErrorCode TOKEN_KEY_VERSION = ErrorCode.of("TOKEN_KEY_VERSION");

  /** A PAN too short to keep the configured digits and still encrypt enough of the rest. */
  public static final ErrorCode TOKEN_DOMAIN = ErrorCode.of("TOKEN_DOMAIN");

  /** The detokenize policy refused the caller. */
  public static final ErrorCode DETOKENIZE_DENIED = ErrorCode.of("DETOKENIZE_DENIED");

  /** Creates the exception with a code and a message free of card digits. */
  public TokenizationException(ErrorCode code, String message) {
    super(code, message);
  }
}
