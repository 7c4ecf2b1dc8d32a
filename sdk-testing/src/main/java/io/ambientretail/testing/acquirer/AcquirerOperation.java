package io.ambientretail.testing.acquirer;

/** The operations the {@link SimulatedAcquirer} serves, for scripting faults and counting. */
public enum AcquirerOperation {
  /** {@code POST /v1/authorisations}. */
  AUTHORISE,
  /** {@code POST /v1/authorisations/{id}/increments}. */
  INCREMENT,
  /** {@code POST /v1/authorisations/{id}/captures}. */
  CAPTURE,
  /** {@code POST /v1/authorisations/{id}/release}. */
  RELEASE,
  /** {@code POST /v1/charges}. */
  CHARGE,
  /** {@code POST /v1/refunds}. */
  REFUND,
  /** {@code GET /v1/authorisations/{id}}. */
  STATUS
}
