package io.ambientretail.payments.terminal;

/** Why a payment is reversed; the constant names are the nexo wire values. */
public enum ReversalReason {
  /** The customer cancelled. */
  CustCancel,
  /** The merchant cancelled. */
  MerchantCancel,
  /** A device or system malfunction. */
  Malfunction,
  /** The sale could not be completed. */
  Unable2Compl
}
