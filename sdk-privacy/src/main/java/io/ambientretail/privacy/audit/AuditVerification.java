package io.ambientretail.privacy.audit;

import java.util.Optional;

/**
 * The outcome of checking an audit log: either every entry is intact (with the count, the chain
 * head and the Merkle root to compare with a signed checkpoint) or the first entry that is not, and
 * why.
 *
 * <p>Immutable. A tampered log is a finding, not an exception: callers branch on {@link #ok()}.
 */
public final class AuditVerification {
  private final long entries;
  private final Sha256Hash head;
  private final Sha256Hash root;
  private final long firstBadEntry;
  private final String reason;

  AuditVerification(
      long entries, Sha256Hash head, Sha256Hash root, long firstBadEntry, String reason) {
    this.entries = entries;
    this.head = head;
    this.root = root;
    this.firstBadEntry = firstBadEntry;
    this.reason = reason;
  }

  /** Whether every entry was intact and in order. */
  public boolean ok() {
    return firstBadEntry < 0;
  }

  /** The number of intact entries (all of them when {@link #ok()}). */
  public long entries() {
    return entries;
  }

  /** The hash of the last intact entry ({@link AuditEntry#GENESIS} for none). */
  public Sha256Hash head() {
    return head;
  }

  /** The Merkle root over the intact entries, to compare with a signed checkpoint. */
  public Sha256Hash root() {
    return root;
  }

  /** The 0-based position of the first entry that is changed, missing or out of order, or -1. */
  public long firstBadEntry() {
    return firstBadEntry;
  }

  /** Why the first bad entry is bad; empty when {@link #ok()}. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  @Override
  public String toString() {
    return ok()
        ? "AuditVerification{ok, " + entries + " entries, head " + head.hex() + "}"
        : "AuditVerification{bad entry " + firstBadEntry + ": " + reason + "}";
  }
}
