/**
 * Smartcard test and demo kit: a card emulator for the vsmartcard {@code vpcd} virtual reader, so
 * the whole PC/SC stack (javax.smartcardio, pcscd, the reader driver) runs for real without a card
 * in hand.
 *
 * <pre>{@code
 * try (VpcdCardEmulator card = VpcdCardEmulator.insert(myCard, VpcdCardEmulator.DEFAULT_ADDRESS)) {
 *   card.awaitPowerOn(Duration.ofSeconds(5));
 *   // javax.smartcardio now sees a card in "Virtual PCD 00 00"
 * } // removing the card
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.smartcard;

import org.jspecify.annotations.NullMarked;
