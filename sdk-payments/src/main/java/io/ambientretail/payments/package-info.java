/**
 * EMV card reading over an APDU channel, BER-TLV, FF1 format-preserving tokenization, the payment gateway SPI, the walk-out payment session and offline store-and-forward.
 *
 * <p>This package is being built; see the project's CHANGELOG for what is available.
 */
@NullMarked
package io.ambientretail.payments;

import org.jspecify.annotations.NullMarked;
