package io.ambientretail.payments.offline;

import io.ambientretail.payments.gateway.GatewayOutcome;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link StoreAndForward#replay} did: the outcome of each payment forwarded, in order, and
 * how many are still queued because the gateway stopped answering.
 *
 * @param forwarded each forwarded payment with the gateway's definite outcome, in queue order
 * @param remaining payments still queued
 */
public record ReplayReport(
    List<Map.Entry<QueuedPayment, GatewayOutcome>> forwarded, int remaining) {
  /** Validates and copies the fields. */
  public ReplayReport {
    forwarded = List.copyOf(Objects.requireNonNull(forwarded, "forwarded"));
  }

  /** True when the queue is empty. */
  public boolean complete() {
    return remaining == 0;
  }
}
