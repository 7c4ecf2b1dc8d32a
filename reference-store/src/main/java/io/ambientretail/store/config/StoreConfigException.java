package io.ambientretail.store.config;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;

/** A store.yaml that cannot be read: names the file, line and field where it went wrong. */
public final class StoreConfigException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** The error code of a bad configuration. */
  public static final ErrorCode CODE = ErrorCode.of("STORE_CONFIG");

  /** A configuration error with a message naming where. */
  public StoreConfigException(String message) {
    super(CODE, message);
  }

  /** A configuration error with its cause. */
  public StoreConfigException(String message, Throwable cause) {
    super(CODE, message, cause);
  }
}
