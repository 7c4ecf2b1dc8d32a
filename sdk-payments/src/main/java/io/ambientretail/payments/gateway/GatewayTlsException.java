package io.ambientretail.payments.gateway;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the gateway's TLS identity could not be verified: its certificate chain is not
 * trusted, has expired, or does not name the host. Nothing was sent. Not retried and not a {@link
 * GatewayUnavailableException}: it means a wrong trust configuration or someone in the middle,
 * which waiting will not fix, so an operator must look.
 */
public final class GatewayTlsException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the operation and the TLS failure. */
  public GatewayTlsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
