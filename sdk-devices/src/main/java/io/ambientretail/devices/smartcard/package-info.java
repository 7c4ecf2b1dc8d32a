/**
 * Smartcards over PC/SC: a card reader device that survives pcscd restarts, card sessions with an
 * {@link io.ambientretail.devices.ApduChannel} that handles 61xx/6Cxx, and a card emulator for the
 * vsmartcard {@code vpcd} virtual reader, so the whole PC/SC stack runs for real without a card.
 *
 * <pre>{@code
 * CardReader reader = CardReader.builder(DeviceId.of("card-1"), ReaderPattern.of("Virtual PCD*"))
 *     .build();
 * reader.open();
 * reader.claim(Duration.ofSeconds(5));
 * try (CardSession s = reader.connect("*")) {
 *   byte[] r = s.channel().transmit(selectPpse);
 * }
 * try (VpcdCardEmulator card = VpcdCardEmulator.insert(myCard, VpcdCardEmulator.DEFAULT_ADDRESS)) {
 *   card.awaitPowerOn(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.smartcard;

import org.jspecify.annotations.NullMarked;
