/**
 * Data-subject requests (access, portable export, rectify, delete, object) across every registered
 * {@link io.ambientretail.privacy.dsr.PersonalDataStore}, with identity verification, deadlines per
 * {@link io.ambientretail.privacy.dsr.Regime}, resumable idempotent steps, honest partial results
 * and proof of completion; and the retention job that deletes what is past its time ({@link
 * io.ambientretail.privacy.dsr.RetentionJob}).
 *
 * <pre>{@code
 * DsrOrchestrator dsr = DsrOrchestrator.builder().store(receipts).store(loyalty)
 *     .audit(sink).clock(clock).identity(verifier).consent(consent).build();
 * dsr.submit(DsrRequest.builder().id("req-1").subject(alice).kind(DsrKind.ACCESS)
 *     .regime(Regime.GDPR).received(clock.instant()).build());
 * DsrStatus status = dsr.run("req-1");             // PARTIAL? run again later to resume
 * String json = dsr.exportJson("req-1");
 * }</pre>
 */
@NullMarked
package io.ambientretail.privacy.dsr;

import org.jspecify.annotations.NullMarked;
