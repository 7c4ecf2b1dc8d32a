/**
 * Virtual EMV cards for tests and demos: {@link io.ambientretail.testing.emv.VirtualEmvCards}
 * (Visa, Mastercard, Amex; contact and contactless), {@link
 * io.ambientretail.testing.emv.EmvTraceCard} (answers from recorded traces); tests that insert them
 * into the vpcd virtual reader hold {@link io.ambientretail.devices.smartcard.VpcdLock}.
 *
 * <pre>{@code
 * VirtualEmvCard card = VirtualEmvCards.visa(VirtualEmvCards.Interface.CONTACTLESS);
 * try (CardRead read = EmvCardReader.create(config).read(card::process)) { ... }
 * }</pre>
 */
@NullMarked
package io.ambientretail.testing.emv;

import org.jspecify.annotations.NullMarked;
