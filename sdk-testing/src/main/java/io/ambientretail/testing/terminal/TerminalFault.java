package io.ambientretail.testing.terminal;

/**
 * A fault the {@link SimulatedTerminal} plays on the next request it applies to: payment faults
 * wait for a payment of a kind they fit (a refused adjustment for the next adjustment, a decline or
 * a wait for a card for the next pre-authorisation), answer faults for the next answer.
 */
public enum TerminalFault {
  /** The next payment is refused by the issuer ({@code Refusal}). */
  DECLINE,
  /** The next adjustment is refused ({@code Refusal}); the earlier authorisation stands. */
  REFUSE_ADJUSTMENT,
  /**
   * The next payment is approved and booked, but the answer is never sent: the client times out and
   * learns the outcome only by a transaction status request.
   */
  TIMEOUT_AFTER_APPROVAL,
  /** The next payment is approved and booked, then the connection is dropped unanswered. */
  DROP_AFTER_APPROVAL,
  /**
   * The next pre-authorisation waits for a card to be presented ({@link
   * SimulatedTerminal#presentCard()}) or the request aborted; meanwhile other payments are {@code
   * Busy}.
   */
  WAIT_FOR_CARD,
  /** The next answer comes from another POI id (must be refused by the client). */
  WRONG_POI_ID,
  /** The next answer is encrypted under another passphrase (encrypted terminals only). */
  WRONG_KEY,
  /** The next answer carries an HMAC with one bit flipped (encrypted terminals only). */
  BAD_HMAC,
  /** The next answer is not JSON (must be refused by the client). */
  MALFORMED_ANSWER
}
