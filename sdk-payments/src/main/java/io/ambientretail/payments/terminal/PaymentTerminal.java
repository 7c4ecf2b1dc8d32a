package io.ambientretail.payments.terminal;

import io.ambientretail.core.Money;
import java.io.IOException;

/**
 * A certified, semi-integrated payment terminal: it reads the card and runs the authorisation
 * itself, and the sale system sees only outcomes, transaction references, a card alias and a masked
 * number, never a PAN. This is the seam for walk-out stores on a certified terminal; OEMs with
 * their own certified reader stack use {@code io.ambientretail.payments.emv} and a gateway instead.
 *
 * <p>Every call takes a caller-chosen {@link ServiceId}, to journal before sending. Failures:
 *
 * <ul>
 *   <li>{@link TerminalUnavailableException}: the terminal could not be reached; nothing was sent.
 *   <li>{@link TerminalTimeoutException} or {@link TerminalConnectionLostException}: sent, but no
 *       answer: the outcome is unknown. Never treat it as a decline and never send a second
 *       payment: ask {@link #status} with the same service id.
 *   <li>{@link NexoFormatException}: the answer was malformed, over its limits, or not an answer to
 *       this request (wrong service id, wrong terminal); it is never taken as an approval.
 * </ul>
 *
 * <p>Implementations are thread-safe; a terminal serves one payment at a time and answers a second
 * with {@link TerminalOutcome.NeedsAttention} ({@code "Busy"}).
 */
public interface PaymentTerminal {
  /**
   * Asks the shopper for a card and pre-authorises {@code amount} on it (a nexo {@code
   * FirstReservation}).
   *
   * @param saleTransactionId the sale system's id for this visit
   */
  TerminalOutcome preAuthorise(ServiceId serviceId, String saleTransactionId, Money amount)
      throws IOException;

  /** Changes the amount authorised under {@code preAuthorisation} to {@code newTotal}. */
  TerminalOutcome adjust(ServiceId serviceId, TransactionReference preAuthorisation, Money newTotal)
      throws IOException;

  /** Captures {@code amount} (at most what is authorised) of {@code preAuthorisation}. */
  TerminalOutcome capture(ServiceId serviceId, TransactionReference preAuthorisation, Money amount)
      throws IOException;

  /** Reverses {@code transaction} in full: releases a pre-authorisation or voids a capture. */
  TerminalOutcome reverse(ServiceId serviceId, TransactionReference transaction) throws IOException;

  /**
   * How the payment request sent as {@code earlier} ended: {@link TerminalOutcome.Approved}, {@link
   * TerminalOutcome.Declined} ({@code "NotFound"} when the terminal never saw it), or {@link
   * TerminalOutcome.InProgress}.
   */
  TerminalOutcome status(ServiceId serviceId, ServiceId earlier) throws IOException;

  /**
   * Asks the terminal to stop the payment request sent as {@code earlier}; that request then
   * answers {@code Declined("Aborted")}. nexo sends no answer to an abort itself.
   */
  void abort(ServiceId serviceId, ServiceId earlier, String reason) throws IOException;
}
