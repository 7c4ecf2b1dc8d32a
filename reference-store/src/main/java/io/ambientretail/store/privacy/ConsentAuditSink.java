package io.ambientretail.store.privacy;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditSink;
import io.ambientretail.store.db.AuditTrail;
import io.ambientretail.store.db.Database;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The {@link AuditSink} of the store's one consent registry: each consent record the registry makes
 * is appended to the store's {@link AuditTrail} in the caller's transaction when there is one (so
 * it commits atomically with the change, which the registry's store keeps in the same transaction),
 * else in a transaction of its own.
 *
 * <p>A change the caller audits itself, in the same transaction and with the operator as actor (a
 * consent given or withdrawn at {@code POST /api/receipts/{id}/consent}), runs inside {@link
 * #auditedByCaller}: the registry's own entry for it is then left out, so each decision is in the
 * log once. Thread-safe.
 */
public final class ConsentAuditSink implements AuditSink {
  private final Database db;
  private final AuditTrail trail;
  private final Clock clock;
  private final ThreadLocal<Boolean> callerAudits = ThreadLocal.withInitial(() -> false);

  /** A sink appending to {@code trail} in {@code db}, stamped by {@code clock}. */
  public ConsentAuditSink(Database db, AuditTrail trail, Clock clock) {
    this.db = db;
    this.trail = trail;
    this.clock = clock;
  }

  @Override
  public void record(AuditEvent event) {
    if (callerAudits.get()) {
      return;
    }
    long now = clock.millis();
    db.tx(c -> trail.append(c, event, now));
  }

  /** Runs {@code work}, whose consent changes the caller audits itself; returns its result. */
  public <T> T auditedByCaller(Supplier<T> work) {
    boolean before = callerAudits.get();
    callerAudits.set(true);
    try {
      return work.get();
    } finally {
      callerAudits.set(before);
    }
  }
}
