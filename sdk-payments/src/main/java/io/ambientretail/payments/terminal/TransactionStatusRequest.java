package io.ambientretail.payments.terminal;

import org.jspecify.annotations.Nullable;

/**
 * A nexo transaction status request: how did the request {@code reference} names end? The way to
 * resolve a payment whose answer never arrived.
 *
 * @param reference null asks about the last transaction of this sale system
 */
public record TransactionStatusRequest(@Nullable MessageReference reference)
    implements NexoRequest {
  @Override
  public MessageCategory category() {
    return MessageCategory.TransactionStatus;
  }
}
