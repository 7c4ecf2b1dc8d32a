package io.ambientretail.payments.terminal;

/**
 * The body of a {@code SaleToPOIRequest}: the one message a request carries beside its header.
 * Sealed, so a {@code switch} over it is checked by the compiler.
 */
public sealed interface NexoRequest
    permits LoginRequest,
        PaymentRequest,
        ReversalRequest,
        AbortRequest,
        TransactionStatusRequest,
        DisplayRequest,
        EventNotification {
  /** The header category this body goes with. */
  MessageCategory category();
}
