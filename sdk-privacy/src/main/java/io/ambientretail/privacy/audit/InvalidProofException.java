package io.ambientretail.privacy.audit;

import java.security.GeneralSecurityException;

/**
 * Thrown when an inclusion or consistency proof, or a checkpoint, does not verify: the log the
 * prover showed is not the log the verifier was promised. The message says which check failed.
 */
public final class InvalidProofException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the check that failed. */
  public InvalidProofException(String message) {
    super(message);
  }
}
