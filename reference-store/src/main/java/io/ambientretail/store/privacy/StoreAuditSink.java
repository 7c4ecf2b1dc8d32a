package io.ambientretail.store.privacy;

import io.ambientretail.privacy.audit.AuditEvent;
import io.ambientretail.privacy.audit.AuditSink;
import io.ambientretail.store.db.AuditTrail;
import io.ambientretail.store.db.Database;
import java.time.Clock;

/**
 * The {@link AuditSink} sdk-privacy components of the store (access control, data-subject requests,
 * retention, consent) report to: each event is appended to the store's {@link AuditTrail} in its
 * own transaction and is durable when {@link #record} returns.
 *
 * <p>Call it outside {@code Database.tx}: inside, it would commit the caller's unfinished work
 * early. Inside a transaction, append to the {@link AuditTrail} on its connection instead.
 * Thread-safe.
 */
public final class StoreAuditSink implements AuditSink {
  private final Database db;
  private final AuditTrail trail;
  private final Clock clock;

  /** A sink appending to {@code trail} in {@code db}, stamped by {@code clock}. */
  public StoreAuditSink(Database db, AuditTrail trail, Clock clock) {
    this.db = db;
    this.trail = trail;
    this.clock = clock;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when called inside {@code Database.tx}, where its own commit
   *     would also commit the caller's unfinished work
   */
  @Override
  public void record(AuditEvent event) {
    if (db.inTransaction()) {
      throw new IllegalStateException(
          "audit sink called inside a database transaction: append to"
              + " the AuditTrail on the transaction's connection instead");
    }
    long now = clock.millis();
    db.tx(c -> trail.append(c, event, now));
  }
}
