package io.ambientretail.devices;

/**
 * The card side of an APDU exchange: a virtual or emulated smartcard that answers command APDUs.
 * The card emulator for the vpcd virtual reader, the in-process demo reader and test fakes all
 * drive a {@code SmartCard}.
 *
 * <p>Implementations are called from one thread at a time.
 */
public interface SmartCard {
  /** The Answer To Reset the card presents when powered on or reset. */
  byte[] atr();

  /** Called when the reader powers the card on or resets it; forget any selected application. */
  default void reset() {}

  /**
   * Answers one command APDU with response data followed by SW1 SW2. Never throws for a malformed
   * command: answers with the matching ISO 7816-4 status word (e.g. {@code 6700}).
   */
  byte[] process(byte[] command);
}
