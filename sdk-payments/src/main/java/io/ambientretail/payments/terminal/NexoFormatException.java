package io.ambientretail.payments.terminal;

import java.io.IOException;

/**
 * A nexo message that is malformed, over its {@link NexoLimits}, or lacks a field the protocol
 * requires. {@link #path()} names the place, e.g. {@code
 * "SaleToPOIResponse.PaymentResponse.Response.Result"}; the message never repeats a value read from
 * the wire, so it cannot carry card data into a log.
 */
public final class NexoFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /** Creates the exception for the field or element at {@code path}. */
  public NexoFormatException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** The JSON path of the field or element that is wrong ({@code "$"} for the whole message). */
  public String path() {
    return path;
  }
}
