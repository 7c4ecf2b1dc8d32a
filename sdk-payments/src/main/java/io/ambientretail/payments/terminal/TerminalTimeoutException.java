package io.ambientretail.payments.terminal;

import java.io.InterruptedIOException;

/**
 * Thrown when a request was sent but no answer came within the read timeout: the terminal may have
 * approved it. Resolve it with {@link PaymentTerminal#status} for {@link #serviceId()}; never treat
 * it as a decline and never send the payment again.
 */
public final class TerminalTimeoutException extends InterruptedIOException {
  private static final long serialVersionUID = 1L;

  private final String serviceId;

  /** Creates the exception for the request sent as {@code serviceId}. */
  public TerminalTimeoutException(ServiceId serviceId, String message) {
    super(message);
    this.serviceId = serviceId.value();
  }

  /** The service id of the request whose outcome is unknown. */
  public ServiceId serviceId() {
    return ServiceId.of(serviceId);
  }
}
