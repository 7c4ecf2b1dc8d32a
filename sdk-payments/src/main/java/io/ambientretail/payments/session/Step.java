package io.ambientretail.payments.session;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.TransactionId;
import org.jspecify.annotations.Nullable;

/** One journaled gateway request and, once known, its outcome. Guarded by its session's lock. */
final class Step {
  final StepKind kind;
  final IdempotencyKey key;
  final String request;
  final @Nullable Money amount;
  final @Nullable TransactionId target;
  @Nullable GatewayOutcome result;

  Step(
      StepKind kind,
      IdempotencyKey key,
      String request,
      @Nullable Money amount,
      @Nullable TransactionId target) {
    this.kind = kind;
    this.key = key;
    this.request = request;
    this.amount = amount;
    this.target = target;
  }

  boolean approved() {
    return result instanceof GatewayOutcome.Approved;
  }

  GatewayOutcome.Approved approvedResult() {
    return (GatewayOutcome.Approved) result;
  }

  /** Answered with a definite no: declined, referral or a non-retryable error. */
  boolean refused() {
    return result != null && !approved();
  }
}
