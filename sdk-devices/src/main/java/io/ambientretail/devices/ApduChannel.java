package io.ambientretail.devices;

import java.io.IOException;

/**
 * A channel to a smartcard application that exchanges ISO 7816-4 APDUs: the seam between card
 * readers and the EMV flow in sdk-payments, so the same flow runs over a real PC/SC reader, the
 * virtual reader and a unit-test fake.
 *
 * <p>Implementations that talk to real readers handle transport-level status words themselves:
 * {@code 61xx} is followed by GET RESPONSE and {@code 6Cxx} by a resend with the right Le, so
 * callers see the final response data followed by SW1 SW2.
 *
 * <p>Security: command and response bytes may contain card data (PAN, track 2); implementations
 * must never log them unmasked.
 */
public interface ApduChannel {
  /**
   * Sends one command APDU and returns the response: data bytes followed by SW1 and SW2 (at least
   * two bytes).
   *
   * @throws IOException if the card or reader is gone or the exchange fails; a timeout is an {@link
   *     java.io.InterruptedIOException}
   */
  byte[] transmit(byte[] command) throws IOException;
}
