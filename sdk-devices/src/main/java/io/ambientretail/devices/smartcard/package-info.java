/**
 * Smartcards over PC/SC: a card reader device that survives pcscd restarts, card sessions with an
 * {@link io.ambientretail.devices.ApduChannel} that handles 61xx/6Cxx and sends long commands with
 * extended Lc/Le or command chaining as the card's ATR allows ({@link CommandApdu}, {@link Atr}),
 * and a card emulator for the vsmartcard {@code vpcd} virtual reader, so the whole PC/SC stack runs
 * for real without a card.
 *
 * <pre>{@code
 * CardReader reader = CardReader.builder(DeviceId.of("card-1"), ReaderPattern.of("Virtual PCD*"))
 *     .build();
 * reader.open();
 * reader.claim(Duration.ofSeconds(5));
 * try (CardSession s = reader.connect("*")) {
 *   byte[] r = s.channel().transmit(selectPpse);
 *   // 1,000 bytes of data: one extended APDU, chained pieces, or ApduLengthException
 *   byte[] w = s.transmit(CommandApdu.of(0x00, 0xD6, 0x00, 0x00, data, 0));
 * }
 * try (VpcdCardEmulator card = VpcdCardEmulator.insert(myCard, VpcdCardEmulator.DEFAULT_ADDRESS)) {
 *   card.awaitPowerOn(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.smartcard;

import org.jspecify.annotations.NullMarked;
