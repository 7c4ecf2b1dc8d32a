package io.ambientretail.payments.terminal;

import java.io.IOException;

/**
 * Thrown when the terminal could not be reached (refused or timed-out connection): the request was
 * not delivered, so nothing happened on the terminal.
 */
public final class TerminalUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String serviceId;

  /** Creates the exception for the request sent as {@code serviceId}. */
  public TerminalUnavailableException(ServiceId serviceId, String message, Throwable cause) {
    super(message, cause);
    this.serviceId = serviceId.value();
  }

  /** The service id of the request concerned. */
  public ServiceId serviceId() {
    return ServiceId.of(serviceId);
  }
}
