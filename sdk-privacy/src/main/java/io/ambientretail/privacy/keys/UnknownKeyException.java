package io.ambientretail.privacy.keys;

import java.security.GeneralSecurityException;

/**
 * Thrown when a key or key version is not there: never created, destroyed (crypto-shredded), or a
 * wrong version was named. The message names the facility or subject and the version.
 */
public final class UnknownKeyException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception naming the missing key. */
  public UnknownKeyException(String message) {
    super(message);
  }
}
