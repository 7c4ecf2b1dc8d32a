package io.ambientretail.store.db;

/** A database operation of the store failed; nothing of it was committed. */
public final class StoreDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public StoreDataException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure without a cause (a broken invariant). */
  public StoreDataException(String message) {
    super(message);
  }
}
