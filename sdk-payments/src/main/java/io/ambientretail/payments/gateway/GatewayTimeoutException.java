package io.ambientretail.payments.gateway;

import java.io.InterruptedIOException;

/**
 * Thrown when the gateway did not answer within the configured timeouts on any attempt. As with
 * {@link GatewayUnavailableException}, the outcome is unknown and the request must be sent again
 * with the same idempotency key.
 */
public final class GatewayTimeoutException extends InterruptedIOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the operation and the timeout. */
  public GatewayTimeoutException(String message) {
    super(message);
  }
}
