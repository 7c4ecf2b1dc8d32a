package io.ambientretail.privacy.audit;

/**
 * Where components report auditable events: permission checks, consent changes, data-subject
 * request steps. {@link BatchingAuditSink} writes them to an {@link AuditLog} in durable batches.
 *
 * <p>Implementations are thread-safe and must not block for long: a permission check calls {@link
 * #record} on every decision.
 */
@FunctionalInterface
public interface AuditSink {
  /** Records one event; it becomes durable later or before this returns, as the sink documents. */
  void record(AuditEvent event);
}
