/**
 * Privacy by default for every module: classification of personal fields, consent with versioned
 * notices and proof, purpose-based access checks, least-privilege roles with audited checks, and
 * keyed pseudonyms. Sub-packages hold the tamper-evident audit log ({@code .audit}), k-anonymous
 * exports ({@code .anonymity}), envelope encryption and crypto-shredding ({@code .keys}),
 * data-subject requests and retention ({@code .dsr}) and residency rules ({@code .residency}).
 *
 * <pre>{@code
 * ConsentRegistry consent = ConsentRegistry.create(clock, auditSink);
 * consent.publish(ConsentNotice.of("loyalty", 1, Set.of(Purpose.LOYALTY), noticeText, now));
 * consent.grant(shopper, "loyalty", 1, Set.of(Purpose.LOYALTY), "kiosk-2");
 *
 * PurposeAccess purposes =
 *     PurposeAccess.create(PurposePolicy.retailDefaults(), consent, auditSink);
 * if (purposes.decide(shopper, DataCategory.PURCHASE_HISTORY, Purpose.LOYALTY).allowed()) {
 *   // award points
 * }
 * }</pre>
 *
 * <p>Personal fields are declared with {@link io.ambientretail.privacy.PersonalData}; the {@link
 * io.ambientretail.privacy.Classification} check fails a module's tests when one is not.
 */
@NullMarked
package io.ambientretail.privacy;

import org.jspecify.annotations.NullMarked;
