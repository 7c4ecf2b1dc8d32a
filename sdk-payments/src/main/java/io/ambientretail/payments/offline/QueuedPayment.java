package io.ambientretail.payments.offline;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.IdempotencyKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A charge taken while the gateway was unreachable, waiting in the store-and-forward queue. It
 * carries no card number (only the token, which is not exposed here, and the card id).
 *
 * @param sequence its place in the queue; payments are forwarded in this order
 * @param key the idempotency key it is forwarded with, so a repeat is never a second charge
 * @param card the card's id
 * @param amount the amount to charge
 * @param reference our reference (the session id)
 * @param queuedAt when it was queued
 * @param expiresAt after this the acquirer no longer accepts it
 */
public record QueuedPayment(
    long sequence,
    IdempotencyKey key,
    CardId card,
    Money amount,
    String reference,
    Instant queuedAt,
    Instant expiresAt) {
  /** Validates the fields. */
  public QueuedPayment {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(queuedAt, "queuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
