package io.ambientretail.privacy;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;

/**
 * Thrown by sdk-privacy for caller mistakes and invalid input: an audit field that is too long, an
 * unknown purpose, a request that cannot be answered as asked. The {@link #code()} says which.
 *
 * <p>Messages name the field or value that was wrong and never contain personal data.
 */
public final class PrivacyException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** An audit event field is missing, too long or contains a control character. */
  public static final ErrorCode AUDIT_FIELD = ErrorCode.of("AUDIT_FIELD");

  /** The audit store holds entries that do not form an unbroken chain. */
  public static final ErrorCode AUDIT_CHAIN_BROKEN = ErrorCode.of("AUDIT_CHAIN_BROKEN");

  /** A proof was asked for a leaf or tree size the log does not have. */
  public static final ErrorCode AUDIT_RANGE = ErrorCode.of("AUDIT_RANGE");

  /** A role, permission or purpose that is not defined, or an invalid grant. */
  public static final ErrorCode ACCESS_POLICY = ErrorCode.of("ACCESS_POLICY");

  /** A subject id that is empty, too long or has characters outside printable ASCII. */
  public static final ErrorCode SUBJECT_ID = ErrorCode.of("SUBJECT_ID");

  /** The actor lacks the permission for what was asked; the refusal was audited. */
  public static final ErrorCode ACCESS_DENIED = ErrorCode.of("ACCESS_DENIED");

  /** A consent notice, version or subject that is not known. */
  public static final ErrorCode CONSENT_UNKNOWN = ErrorCode.of("CONSENT_UNKNOWN");

  /** An export that would identify fewer than k people; nothing was exported. */
  public static final ErrorCode K_ANONYMITY = ErrorCode.of("K_ANONYMITY");

  /** A data-subject request that is malformed, unknown, or reuses an id for another request. */
  public static final ErrorCode DSR_INVALID = ErrorCode.of("DSR_INVALID");

  /** A pseudonym key or key version that is not known. */
  public static final ErrorCode KEY_UNKNOWN = ErrorCode.of("KEY_UNKNOWN");

  /** Creates the exception with its code and a message naming what was wrong. */
  public PrivacyException(ErrorCode code, String message) {
    super(code, message);
  }
}
