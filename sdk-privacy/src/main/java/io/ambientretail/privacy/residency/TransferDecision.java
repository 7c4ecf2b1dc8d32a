package io.ambientretail.privacy.residency;

/** Whether personal data collected in one region may be sent to another, and on what ground. */
public enum TransferDecision {
  /** Same region: no transfer. */
  SAME_REGION,
  /** The origin's law recognises the destination as adequate (EU/UK adequacy decision). */
  ADEQUACY,
  /** Standard contractual clauses (or the UK IDTA) with the recipient are on file. */
  STANDARD_CLAUSES,
  /**
   * A transfer assessment is recorded (China: security assessment, certification or standard
   * contract).
   */
  ASSESSMENT_RECORDED,
  /** The origin has no transfer restriction configured. */
  UNRESTRICTED,
  /** Blocked: no ground for the transfer. */
  BLOCKED;

  /** Whether the data may be sent. */
  public boolean allowed() {
    return this != BLOCKED;
  }
}
