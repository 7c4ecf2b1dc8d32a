package io.ambientretail.payments.terminal;

/**
 * The nexo message category of a header or message reference: which service a message belongs to.
 * The constant names are the wire values.
 */
public enum MessageCategory {
  /** Abort of a request in progress. */
  Abort,
  /** Card acquisition before a payment. */
  CardAcquisition,
  /** Terminal health check. */
  Diagnosis,
  /** Text on a terminal display. */
  Display,
  /** Event notification from the terminal. */
  Event,
  /** Input from the terminal keypad or screen. */
  Input,
  /** Login of the sale system to the terminal. */
  Login,
  /** Logout. */
  Logout,
  /** Payment, pre-authorisation, adjustment, completion or refund. */
  Payment,
  /** Reconciliation of totals. */
  Reconciliation,
  /** Reversal of a completed payment. */
  Reversal,
  /** Gift card and other stored-value operations. */
  StoredValue,
  /** Status of an earlier transaction, to resolve an unknown outcome. */
  TransactionStatus
}
