package io.ambientretail.store.pay;

import io.ambientretail.core.Money;
import java.io.IOException;

/**
 * The store's seam to a payment gateway (sdk-payments' gateway SPI once wired). Every call carries
 * an idempotency key: the same key always gets the first answer, so a retry after a crash or a
 * lost reply never charges twice. Implementations are thread-safe.
 *
 * @see PaymentJournalKeys for how the store forms keys
 */
public interface PaymentGateway {
  /** Pre-authorises {@code amount} on a card token (walk-out entry hold). */
  GatewayResult authorize(String idemKey, String cardToken, Money amount) throws IOException;

  /** Captures {@code amount} (at most the hold) of an authorisation. */
  GatewayResult capture(String idemKey, String authRef, Money amount) throws IOException;

  /** Authorises and captures at once (kiosk sale). */
  GatewayResult sale(String idemKey, String cardToken, Money amount) throws IOException;

  /** Releases an authorisation that will not be captured. */
  GatewayResult voidAuthorization(String idemKey, String authRef) throws IOException;

  /** Refunds (part of) a capture. */
  GatewayResult refund(String idemKey, String captureRef, Money amount) throws IOException;
}
