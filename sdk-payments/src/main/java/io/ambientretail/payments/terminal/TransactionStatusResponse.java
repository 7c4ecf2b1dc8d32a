package io.ambientretail.payments.terminal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A nexo transaction status response. On success with a repeated payment response, that response is
 * how the earlier payment ended; a failure with error condition {@code "InProgress"} means it has
 * not ended yet, {@code "NotFound"} that the terminal never saw it.
 *
 * @param reference the message asked about, null when absent
 * @param repeatedPayment the earlier payment's response, null when absent
 */
public record TransactionStatusResponse(
    ResponseStatus status,
    @Nullable MessageReference reference,
    @Nullable PaymentResponse repeatedPayment)
    implements NexoResponse {
  /** Checks the status is present. */
  public TransactionStatusResponse {
    Objects.requireNonNull(status, "status");
  }
}
