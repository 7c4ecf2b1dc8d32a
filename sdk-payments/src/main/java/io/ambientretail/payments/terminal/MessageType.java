package io.ambientretail.payments.terminal;

/** The nexo message type. */
public enum MessageType {
  /** From the sale system to the terminal. */
  Request,
  /** The terminal's answer. */
  Response,
  /** An unsolicited event from the terminal. */
  Notification
}
