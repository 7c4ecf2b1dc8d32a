/**
 * Reading EMV payment cards for tokenization over an {@link io.ambientretail.devices.ApduChannel}:
 * {@link io.ambientretail.payments.emv.EmvCardReader} (PPSE, PSE, candidate AIDs, GPO, records),
 * its {@link io.ambientretail.payments.emv.EmvReaderConfig}, the {@link
 * io.ambientretail.payments.emv.CardRead} result, and the {@link
 * io.ambientretail.payments.emv.PaymentTerminal} seam for certified terminals.
 *
 * <p>This is card reading for tokenization, not a certified EMV kernel.
 *
 * <pre>{@code
 * EmvCardReader reader = EmvCardReader.create(EmvReaderConfig.builder().build());
 * try (CardRead card = reader.read(channel)) {
 *   System.out.println(card.brand() + " " + card.pan().masked());
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.payments.emv;

import org.jspecify.annotations.NullMarked;
