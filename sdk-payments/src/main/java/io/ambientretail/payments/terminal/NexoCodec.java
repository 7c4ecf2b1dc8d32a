package io.ambientretail.payments.terminal;

import io.ambientretail.payments.terminal.internal.NexoBodies;
import io.ambientretail.payments.terminal.internal.NexoNode;
import io.ambientretail.payments.terminal.internal.NexoWriter;

/**
 * Reads and writes nexo retailer messages in their JSON form ({@code SaleToPOIRequest} and {@code
 * SaleToPOIResponse}), as a semi-integrated terminal speaks them over local HTTP(S).
 *
 * <p>Reading is strict: the message must be one JSON object within the {@link NexoLimits}, with no
 * duplicate names, a {@code MessageHeader} and exactly one body; every field the protocol requires
 * is checked and its absence is a {@link NexoFormatException} naming its path. Fields this SDK does
 * not model are ignored, as nexo lets terminals add attributes.
 *
 * <p><b>Security.</b> A terminal never sends the PAN, only a masked one: a {@code MaskedPan} that
 * is a whole card number is refused, and the writer refuses any string holding a Luhn-valid run of
 * 13 to 19 digits, so no message this codec writes can carry a card number. Error messages name
 * fields, never their values.
 *
 * <p>Stateless and thread-safe.
 */
public final class NexoCodec {
  private NexoCodec() {}

  /** Reads one message within the default limits. */
  public static NexoMessage read(byte[] json) throws NexoFormatException {
    return read(json, NexoLimits.defaults());
  }

  /**
   * Reads one message.
   *
   * @throws NexoFormatException naming the path of what is missing, malformed or over a limit
   */
  public static NexoMessage read(byte[] json, NexoLimits limits) throws NexoFormatException {
    return NexoBodies.message(NexoNode.parse(json, limits));
  }

  /**
   * The UTF-8 JSON of a request.
   *
   * @throws IllegalArgumentException if a field holds a whole card number (named in the message)
   */
  public static byte[] write(SaleToPoiRequest request) {
    return NexoWriter.write(request);
  }

  /**
   * The UTF-8 JSON of a response (what a terminal, or a simulator of one, sends).
   *
   * @throws IllegalArgumentException if a field holds a whole card number (named in the message)
   */
  public static byte[] write(SaleToPoiResponse response) {
    return NexoWriter.write(response);
  }

  /** The UTF-8 JSON of an encrypted envelope (see {@link NexoCrypto}). */
  public static byte[] write(SecuredMessage message) {
    return NexoWriter.write(message);
  }
}
