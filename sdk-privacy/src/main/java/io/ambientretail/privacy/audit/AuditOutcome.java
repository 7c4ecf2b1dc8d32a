package io.ambientretail.privacy.audit;

/** Whether the audited action succeeded or failed (PCI DSS 10.2.2 "success or failure"). */
public enum AuditOutcome {
  /** The action was carried out. */
  SUCCESS,
  /** The action was refused or failed. */
  FAILURE
}
