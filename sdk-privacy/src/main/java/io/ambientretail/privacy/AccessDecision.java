package io.ambientretail.privacy;

/** The answer to "may I use this category of data about this subject for this purpose?". */
public enum AccessDecision {
  /** Allowed on a basis that needs no consent (contract, legal obligation, ...). */
  ALLOWED,
  /** Allowed because the subject consents now. */
  ALLOWED_BY_CONSENT,
  /** Refused: the policy does not declare this category for this purpose. */
  DENIED_UNDECLARED,
  /** Refused: the purpose needs consent and the subject has not given it or withdrew it. */
  DENIED_NO_CONSENT,
  /** Refused: the subject objected to this legitimate-interest purpose. */
  DENIED_OBJECTED;

  /** Whether the use is allowed. */
  public boolean allowed() {
    return this == ALLOWED || this == ALLOWED_BY_CONSENT;
  }
}
