/**
 * Keys: envelope encryption at rest with AES-GCM data keys wrapped by per-facility KEKs behind the
 * {@link io.ambientretail.privacy.keys.KeyStore} SPI (so a KMS or HSM can back it), rotation
 * without downtime, and per-subject keys for crypto-shredding. JDK cryptography only.
 *
 * <pre>{@code
 * KeyStore kms = InMemoryKeyStore.create(new SecureRandom());
 * kms.rotate("S001");                                      // first KEK
 * EnvelopeCipher cipher = EnvelopeCipher.create(kms, new SecureRandom());
 * byte[] sealed = cipher.encrypt("S001", receiptJson, recordId);
 * kms.rotate("S001");                                      // new KEK; old envelopes still open
 * sealed = cipher.rewrap(sealed);                          // then destroy the old version
 * }</pre>
 */
@NullMarked
package io.ambientretail.privacy.keys;

import org.jspecify.annotations.NullMarked;
