package io.ambientretail.payments.terminal;

import java.util.Objects;

/** A nexo login response. */
public record LoginResponse(ResponseStatus status) implements NexoResponse {
  /** Checks the status is present. */
  public LoginResponse {
    Objects.requireNonNull(status, "status");
  }
}
