package io.ambientretail.privacy;

/**
 * The lawful basis for using a category of personal data for a purpose (GDPR Art. 6). Only {@link
 * #CONSENT} depends on the subject's current consent; {@link #LEGITIMATE_INTEREST} gives way to an
 * objection (Art. 21).
 */
public enum LegalBasis {
  /** The subject agreed, and may withdraw at any time. */
  CONSENT,
  /** Needed to perform a contract with the subject (selling to them). */
  CONTRACT,
  /** Required by law (tax records). */
  LEGAL_OBLIGATION,
  /** The store's legitimate interest, unless the subject objects. */
  LEGITIMATE_INTEREST,
  /** To protect someone's life. */
  VITAL_INTEREST
}
