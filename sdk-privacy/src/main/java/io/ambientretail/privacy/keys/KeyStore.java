package io.ambientretail.privacy.keys;

import java.security.GeneralSecurityException;

/**
 * The key-encryption-key SPI: per-facility KEKs that wrap and unwrap data keys and never leave the
 * store. Back it with a KMS or HSM in production; {@link InMemoryKeyStore} is the JDK-only
 * implementation for a single edge machine and for tests.
 *
 * <p>Each facility has numbered KEK versions; {@link #rotate} adds a new primary version that
 * {@link #wrap} uses from then on, while {@link #unwrap} still accepts every version not yet {@link
 * #destroy destroyed}, so rotation needs no downtime. Implementations are thread-safe.
 */
public interface KeyStore {
  /**
   * Wraps (encrypts) a data key under the facility's primary KEK.
   *
   * @throws GeneralSecurityException if the facility has no KEK or wrapping fails
   */
  WrappedKey wrap(String facility, byte[] dataKey) throws GeneralSecurityException;

  /**
   * Unwraps a data key wrapped by {@link #wrap}.
   *
   * @throws UnknownKeyException if the KEK version does not exist or was destroyed
   * @throws GeneralSecurityException if the wrapped key was altered
   */
  byte[] unwrap(WrappedKey wrapped) throws GeneralSecurityException;

  /**
   * Creates a new primary KEK version for the facility (the first one if it has none) and returns
   * its number.
   *
   * @throws GeneralSecurityException if the key cannot be created
   */
  int rotate(String facility) throws GeneralSecurityException;

  /**
   * The facility's primary KEK version.
   *
   * @throws UnknownKeyException if the facility has no KEK
   */
  int primaryVersion(String facility) throws UnknownKeyException;

  /**
   * Destroys a KEK version: everything wrapped under it becomes unreadable (crypto-shredding).
   *
   * @throws UnknownKeyException if there is no such version
   * @throws GeneralSecurityException if it is the primary version
   */
  void destroy(String facility, int version) throws GeneralSecurityException;
}
