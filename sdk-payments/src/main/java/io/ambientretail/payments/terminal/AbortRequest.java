package io.ambientretail.payments.terminal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A nexo abort: asks the terminal to stop the request {@code reference} names (a payment waiting
 * for a card, say). The terminal sends no response of its own; the aborted request answers.
 *
 * @param abortReason free text, e.g. {@code "cancelled-by-shopper"}
 * @param displayText shown on the customer display, null for none
 */
public record AbortRequest(
    MessageReference reference, String abortReason, @Nullable String displayText)
    implements NexoRequest {
  /** Checks the fields are present. */
  public AbortRequest {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(abortReason, "abortReason");
  }

  @Override
  public MessageCategory category() {
    return MessageCategory.Abort;
  }
}
