package io.ambientretail.payments.terminal;

import java.util.Objects;

/** A nexo reversal: cancels the terminal's transaction {@code original} in full. */
public record ReversalRequest(TransactionReference original, ReversalReason reason)
    implements NexoRequest {
  /** Checks the fields are present. */
  public ReversalRequest {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public MessageCategory category() {
    return MessageCategory.Reversal;
  }
}
