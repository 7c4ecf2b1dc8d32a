package io.ambientretail.payments.emv;

import io.ambientretail.devices.ApduChannel;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * Connects to the card in a reader, waiting for one to be presented: how a {@link
 * ReaderPaymentTerminal} reaches a PC/SC reader, the virtual reader or a test fake.
 */
@FunctionalInterface
public interface CardConnector {
  /** An open connection to a card: its APDU channel, closed when the read is done. */
  interface Connection extends ApduChannel, Closeable {}

  /**
   * Waits up to {@code timeout} for a card and connects to it.
   *
   * @throws java.io.InterruptedIOException if no card came in time
   * @throws IOException if the reader failed
   */
  Connection connect(Duration timeout) throws IOException;
}
