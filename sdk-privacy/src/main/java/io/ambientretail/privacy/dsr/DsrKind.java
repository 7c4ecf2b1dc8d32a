package io.ambientretail.privacy.dsr;

/** The kinds of data-subject request (GDPR Art. 15-21, CCPA "know", "delete", "correct"). */
public enum DsrKind {
  /** Tell the subject what is held about them. */
  ACCESS,
  /** Give it to them as portable JSON. */
  EXPORT,
  /** Correct a field. */
  RECTIFY,
  /** Erase everything about them. */
  DELETE,
  /** Stop legitimate-interest processing for a purpose. */
  OBJECT
}
