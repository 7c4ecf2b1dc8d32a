package io.ambientretail.payments.terminal;

/** The body of a {@code SaleToPOIResponse}. Sealed, so a {@code switch} over it is checked. */
public sealed interface NexoResponse
    permits PaymentResponse,
        ReversalResponse,
        TransactionStatusResponse,
        LoginResponse,
        DiagnosisResponse,
        DeviceResponse,
        OtherResponse {
  /** The response status every nexo response carries. */
  ResponseStatus status();
}
