/**
 * BER-TLV as EMV uses it: a zero-copy {@link io.ambientretail.payments.tlv.TlvReader}, a {@link
 * io.ambientretail.payments.tlv.TlvBuilder}, an immutable {@link io.ambientretail.payments.tlv.Tlv}
 * tree, {@link io.ambientretail.payments.tlv.TlvLimits} for untrusted input and an {@link
 * io.ambientretail.payments.tlv.EmvTags} dictionary.
 *
 * <pre>{@code
 * TlvReader r = TlvReader.of(record);
 * while (r.next()) {
 *   System.out.println(EmvTags.hex(r.tag()) + " " + EmvTags.name(r.tag()));
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.payments.tlv;

import org.jspecify.annotations.NullMarked;
