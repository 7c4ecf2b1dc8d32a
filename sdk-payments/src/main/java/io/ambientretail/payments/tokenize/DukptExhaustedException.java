package io.ambientretail.payments.tokenize;

import java.security.GeneralSecurityException;

/**
 * Thrown by {@link AesDukptReader#nextTransaction()} when the transaction counter has passed the
 * last value ANSI X9.24-3 allows ({@code FFFF0000}): the reader must be loaded with a new initial
 * key before it can protect more transactions.
 */
public final class DukptExhaustedException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the limit. */
  public DukptExhaustedException(String message) {
    super(message);
  }
}
