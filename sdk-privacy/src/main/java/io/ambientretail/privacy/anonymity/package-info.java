/**
 * Anonymised analytics exports: k-anonymity by generalising time, place and age with a suppression
 * limit (the part of ARX a store needs), and a check that refuses any export below k.
 *
 * <pre>{@code
 * KAnonymizer anon = KAnonymizer.builder().k(5).maxSuppressed(0.02)
 *     .quasiIdentifier("time", Generalization.timeOfDay(ZoneId.of("Europe/Berlin")))
 *     .quasiIdentifier("place", Generalization.placePath(4))
 *     .quasiIdentifier("age", Generalization.ageBands())
 *     .insensitive("gtin").insensitive("amountMinor")
 *     .build();
 * AnonymizedTable table = anon.apply(rows);     // or PrivacyException K_ANONYMITY
 * }</pre>
 */
@NullMarked
package io.ambientretail.privacy.anonymity;

import org.jspecify.annotations.NullMarked;
