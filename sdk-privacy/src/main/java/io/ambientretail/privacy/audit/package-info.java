/**
 * The tamper-evident audit log: an append-only hash chain whose entries are also the leaves of an
 * RFC 6962 / RFC 9162 Merkle tree, with Ed25519-signed checkpoints, inclusion and consistency
 * proofs and their verifiers, and a storage SPI with in-memory and JDBC stores.
 *
 * <pre>{@code
 * AuditStore store = JdbcAuditStore.create(connection);
 * AuditLog log = AuditLog.builder().name("acme/S001/audit").store(store)
 *     .clock(Clock.systemUTC()).build();
 * log.appendAll(events);                                   // durable, one transaction
 * SignedCheckpoint cp = log.signCheckpoint(signer);        // the witness keeps this
 *
 * // Later, at the witness:
 * verifier.verifyConsistent(lastTrusted, newCheckpoint, log.consistencyProof(old, now));
 * }</pre>
 *
 * <p>Entries carry the fields PCI DSS 10.2.2 asks for: who ({@link
 * io.ambientretail.privacy.audit.AuditEvent#actor()}), what, when, success or failure, origin and
 * the affected resource.
 */
@NullMarked
package io.ambientretail.privacy.audit;

import org.jspecify.annotations.NullMarked;
