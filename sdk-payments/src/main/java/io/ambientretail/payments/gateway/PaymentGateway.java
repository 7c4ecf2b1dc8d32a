package io.ambientretail.payments.gateway;

import io.ambientretail.core.Money;
import java.io.IOException;
import java.util.Optional;

/**
 * The service provider interface to an acquirer or payment gateway, in the shape that Adyen's
 * pre-authorise / adjust / capture flow and Stripe's manual capture with incremental authorisation
 * share: hold an amount, raise the hold, capture part or all of it, release the rest, charge,
 * refund.
 *
 * <p>Every request carries an {@link IdempotencyKey}: sending the same key with the same request
 * again performs nothing new and returns the first answer ({@link
 * GatewayOutcome.Approved#replayed()} is then true); the same key with a different request throws
 * {@link IdempotencyKeyReusedException}. A request whose answer was lost is therefore safe to send
 * again, and must be, with the same key.
 *
 * <p>Outcomes are results, not exceptions: a decline is {@link GatewayOutcome.Declined}. An {@link
 * IOException} ({@link GatewayUnavailableException}, {@link GatewayTimeoutException}) means the
 * answer is unknown. Implementations are thread-safe.
 */
public interface PaymentGateway {
  /**
   * Places a hold of {@code amount} on the card behind {@code token}, to capture later.
   *
   * @param merchantReference our reference (a session or order id), shown to the acquirer
   * @return approved with the authorisation id, the amount held and the capture deadline
   */
  GatewayOutcome authorise(
      IdempotencyKey key, PaymentToken token, Money amount, String merchantReference)
      throws IOException;

  /**
   * Raises an open authorisation by {@code additional} (incremental authorisation).
   *
   * @return approved with the new total authorised and the (possibly extended) deadline, or
   *     declined, e.g. with {@link DeclineReason#INCREMENT_NOT_SUPPORTED}
   */
  GatewayOutcome increment(IdempotencyKey key, TransactionId authorisation, Money additional)
      throws IOException;

  /**
   * Captures {@code amount} of an authorisation (at most what it holds); the rest is released when
   * {@code finalCapture} is true.
   *
   * @return approved with the capture's id and the amount captured
   */
  GatewayOutcome capture(
      IdempotencyKey key, TransactionId authorisation, Money amount, boolean finalCapture)
      throws IOException;

  /**
   * Releases (voids) what an authorisation still holds, without capturing it.
   *
   * @return approved with the authorisation id and the amount released
   */
  GatewayOutcome release(IdempotencyKey key, TransactionId authorisation) throws IOException;

  /**
   * Charges {@code amount} at once (authorise and capture in one step), e.g. to recover the part of
   * a basket an authorisation could not be raised to cover, or to forward an offline payment.
   *
   * @return approved with the charge's id and the amount charged
   */
  GatewayOutcome charge(
      IdempotencyKey key, PaymentToken token, Money amount, String merchantReference)
      throws IOException;

  /**
   * Refunds {@code amount} of a capture or charge.
   *
   * @return approved with the refund's id and the amount refunded
   */
  GatewayOutcome refund(IdempotencyKey key, TransactionId captureOrCharge, Money amount)
      throws IOException;

  /**
   * Reads where an authorisation stands.
   *
   * @throws TransactionNotFoundException if the gateway answered that it does not know the
   *     authorisation (implementations written before it existed may throw another exception)
   * @throws GatewayUnavailableException when the gateway could not be reached or kept failing
   */
  AuthorisationStatus status(TransactionId authorisation) throws IOException;

  /**
   * Reads where an authorisation stands, empty when the gateway answered that it does not know it:
   * the typed form of {@link #status(TransactionId)} for callers that reconcile journals against
   * the gateway.
   *
   * @throws GatewayUnavailableException when the gateway could not be reached or kept failing
   */
  default Optional<AuthorisationStatus> find(TransactionId authorisation) throws IOException {
    try {
      return Optional.of(status(authorisation));
    } catch (TransactionNotFoundException e) {
      return Optional.empty();
    }
  }
}
