package io.ambientretail.payments.terminal;

import java.io.IOException;

/**
 * Thrown when a request was sent but the connection dropped or the terminal answered with an HTTP
 * error before a nexo answer arrived: the outcome is unknown. Resolve it with {@link
 * PaymentTerminal#status} for {@link #serviceId()}; never treat it as a decline.
 */
public final class TerminalConnectionLostException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String serviceId;

  /** Creates the exception for the request sent as {@code serviceId}. */
  public TerminalConnectionLostException(ServiceId serviceId, String message, Throwable cause) {
    super(message, cause);
    this.serviceId = serviceId.value();
  }

  /** The service id of the request concerned. */
  public ServiceId serviceId() {
    return ServiceId.of(serviceId);
  }
}
