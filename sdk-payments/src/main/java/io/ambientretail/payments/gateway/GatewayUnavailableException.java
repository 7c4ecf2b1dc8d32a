package io.ambientretail.payments.gateway;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the gateway could not be reached, or the connection failed before its answer was
 * read, after every retry the client's policy allowed. The outcome of the request is unknown: send
 * it again later with the same idempotency key to learn it.
 */
public class GatewayUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the operation, never card data. */
  public GatewayUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
