package io.ambientretail.payments.internal;

import java.io.IOException;

/** A JSON document that is malformed or lacks a field; the message names the offset or field. */
public final class JsonFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public JsonFormatException(String message) {
    super(message);
  }
}
