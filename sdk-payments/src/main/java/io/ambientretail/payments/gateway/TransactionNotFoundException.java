package io.ambientretail.payments.gateway;

import java.io.IOException;

/**
 * Thrown by {@link PaymentGateway#status(TransactionId)} when the gateway answered that it does not
 * know the transaction (HTTP 404 in the SDK's gateway protocol): a definite answer, not an outage,
 * so it is deliberately not a {@link GatewayUnavailableException} and retrying will not change it.
 * {@link PaymentGateway#find(TransactionId)} returns it as an empty result instead.
 */
public final class TransactionNotFoundException extends IOException {
  private static final long serialVersionUID = 1L;

  private final TransactionId transaction;

  /** Creates the exception for {@code transaction}; the message names only its id. */
  public TransactionNotFoundException(TransactionId transaction) {
    super("the gateway does not know transaction " + transaction.value());
    this.transaction = transaction;
  }

  /** The transaction the gateway does not know. */
  public TransactionId transaction() {
    return transaction;
  }
}
