package io.ambientretail.payments.gateway;

import java.io.IOException;

/**
 * Thrown when the gateway's answer does not follow the protocol: a body that is not JSON, a missing
 * or malformed field (named in the message), an unexpected status. The outcome of the request is
 * unknown, as for {@link GatewayUnavailableException}.
 */
public final class GatewayProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the field or status, never card data. */
  public GatewayProtocolException(String message) {
    super(message);
  }
}
