/**
 * Durable storage for the privacy module's state: consent records, data-subject request progress,
 * legal holds, subjects' wrapped keys and role assignments, behind one {@link
 * io.ambientretail.privacy.store.PrivacyStore} with an in-memory and a JDBC (SQLite, PostgreSQL)
 * implementation.
 *
 * <pre>{@code
 * JdbcPrivacyStore store = JdbcPrivacyStore.create(connection);
 * ConsentRegistry consent = ConsentRegistry.create(clock, audit, store);
 * LegalHolds holds = LegalHolds.create(audit, store);
 * DsrOrchestrator dsr = DsrOrchestrator.builder().progress(store).consent(consent)
 *     .audit(audit).clock(clock).identity(verifier).store(receipts).build();
 * }</pre>
 */
@NullMarked
package io.ambientretail.privacy.store;

import org.jspecify.annotations.NullMarked;
