/**
 * EMV card reading over an APDU channel, BER-TLV, FF1 format-preserving tokenization, the payment
 * gateway SPI, the walk-out payment session and offline store-and-forward.
 *
 * <p>This package holds the module's {@link io.ambientretail.payments.PaymentsErrors error codes};
 * the gateway SPI is in {@code .gateway} (HTTP client in {@code .gateway.http}), the walk-out
 * session and its journal in {@code .session}, store-and-forward in {@code .offline}.
 */
@NullMarked
package io.ambientretail.payments;

import org.jspecify.annotations.NullMarked;
