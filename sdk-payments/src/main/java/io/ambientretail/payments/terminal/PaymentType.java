package io.ambientretail.payments.terminal;

/**
 * The nexo {@code PaymentType} of a payment request; the constant names are the wire values. The
 * walk-out flow uses {@link #FirstReservation} at entry, {@link #UpdateReservation} to adjust and
 * {@link #Completion} to capture.
 */
public enum PaymentType {
  /** A sale, authorised and captured at once. */
  Normal,
  /** A refund to the card. */
  Refund,
  /** A pre-authorisation that later adjustments and a completion refer to. */
  FirstReservation,
  /** An incremental or decremental adjustment of a reservation. */
  UpdateReservation,
  /** The capture of a reservation. */
  Completion
}
