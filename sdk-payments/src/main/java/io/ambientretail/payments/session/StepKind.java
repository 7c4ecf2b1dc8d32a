package io.ambientretail.payments.session;

/** The kinds of gateway request a walk-out session journals; package-private. */
enum StepKind {
  AUTHORISE,
  INCREMENT,
  CAPTURE,
  RELEASE,
  RECOVERY_CHARGE,
  ADJUSTMENT_CHARGE,
  REFUND
}
