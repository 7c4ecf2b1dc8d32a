package io.ambientretail.inventory.ledger;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;

/**
 * Thrown when a source event id the ledger has already recorded comes again with a different
 * movement: a retry must repeat the original exactly; anything else is a bug or a replay of the
 * wrong event.
 */
public final class LedgerConflictException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** The source event was recorded with a different type, location, SKU or quantity. */
  public static final ErrorCode SOURCE_CONFLICT = ErrorCode.of("LEDGER_SOURCE_CONFLICT");

  /** Creates the exception with a message naming the source event and both movements. */
  public LedgerConflictException(String message) {
    super(SOURCE_CONFLICT, message);
  }
}
