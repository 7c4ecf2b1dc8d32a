/**
 * Certified, semi-integrated payment terminals spoken to over the nexo retailer protocol: the
 * message model and its strict JSON codec ({@link io.ambientretail.payments.terminal.NexoCodec}).
 * The terminal reads the card and runs the authorisation itself; the sale system sees only a
 * transaction reference, a card alias and a masked card number, never a PAN.
 *
 * <pre>{@code
 * SaleToPoiRequest req = new SaleToPoiRequest(
 *     MessageHeader.request(MessageClass.Service, MessageCategory.Payment, "42", "till-1", "P400-1"),
 *     new PaymentRequest(new TransactionReference("visit-7", clock.instant()),
 *         PaymentType.FirstReservation, Money.ofMinor(5000, "EUR"), null));
 * byte[] json = NexoCodec.write(req);
 * NexoMessage answer = NexoCodec.read(responseBytes);
 * }</pre>
 */
@NullMarked
package io.ambientretail.payments.terminal;

import org.jspecify.annotations.NullMarked;
