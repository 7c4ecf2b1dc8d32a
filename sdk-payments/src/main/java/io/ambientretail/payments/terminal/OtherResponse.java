package io.ambientretail.payments.terminal;

import java.util.Objects;

/**
 * A nexo response this SDK reads only as far as its status (stored value, reconciliation...).
 *
 * @param bodyName the element name, e.g. {@code "StoredValueResponse"}
 */
public record OtherResponse(String bodyName, ResponseStatus status) implements NexoResponse {
  /** Checks the fields are present. */
  public OtherResponse {
    Objects.requireNonNull(bodyName, "bodyName");
    Objects.requireNonNull(status, "status");
  }
}
