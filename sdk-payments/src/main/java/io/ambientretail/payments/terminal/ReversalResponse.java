package io.ambientretail.payments.terminal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A nexo reversal response.
 *
 * @param poiTransaction the reversal's own transaction id, null when absent
 */
public record ReversalResponse(ResponseStatus status, @Nullable TransactionReference poiTransaction)
    implements NexoResponse {
  /** Checks the status is present. */
  public ReversalResponse {
    Objects.requireNonNull(status, "status");
  }
}
