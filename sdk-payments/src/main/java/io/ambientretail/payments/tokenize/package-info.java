/**
 * Card data protection: the {@link io.ambientretail.payments.tokenize.Pan} secret type, FF1
 * format-preserving encryption ({@link io.ambientretail.payments.tokenize.Ff1}), tokens that keep
 * the BIN and last 4 ({@link io.ambientretail.payments.tokenize.Tokenizer}), keyed card
 * fingerprints, and AES DUKPT key derivation for reader-side encryption.
 *
 * <pre>{@code
 * Tokenizer tokenizer = Tokenizer.builder().key(1, aesKey).build();
 * try (Pan pan = Pan.parse(digits)) {
 *   CardToken token = tokenizer.tokenize(pan);   // e.g. v1:476173... , Luhn-invalid by default
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.payments.tokenize;

import org.jspecify.annotations.NullMarked;
