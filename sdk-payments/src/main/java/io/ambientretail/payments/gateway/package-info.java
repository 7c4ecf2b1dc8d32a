/**
 * The payment gateway service provider interface: {@link
 * io.ambientretail.payments.gateway.PaymentGateway} with idempotency keys on every request and
 * typed outcomes, and the values it speaks in (tokens, card ids, transaction ids, decline reasons).
 *
 * <pre>{@code
 * GatewayOutcome o = gateway.authorise(IdempotencyKey.of("visit-42:authorise"),
 *     PaymentToken.of("tok_visa_01"), Money.ofMinor(5000, "EUR"), "visit-42");
 * if (o instanceof GatewayOutcome.Approved a) { ... } // or Declined, Referral, Error
 * }</pre>
 *
 * <p>The HTTP client is in {@link io.ambientretail.payments.gateway.http}; the walk-out session
 * that drives a gateway durably is in {@link io.ambientretail.payments.session}.
 */
@NullMarked
package io.ambientretail.payments.gateway;

import org.jspecify.annotations.NullMarked;
