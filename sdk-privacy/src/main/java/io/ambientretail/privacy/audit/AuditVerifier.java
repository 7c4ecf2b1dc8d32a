package io.ambientretail.privacy.audit;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * Checks an audit log entry by entry, oldest first, without holding it in memory: each entry must
 * have the next sequence number, name the previous entry's hash and match its own hash. The first
 * entry that fails is named with the reason (changed, removed, inserted or reordered).
 *
 * <p>It also computes the Merkle root of the intact prefix (O(log n) memory), so the result can be
 * compared with a signed {@link Checkpoint}: a hash chain alone cannot show that the newest entries
 * were cut off, a checkpoint held by a witness can.
 *
 * <p>Not thread-safe; one verifier per log being checked.
 */
public final class AuditVerifier {
  private final EntryHasher hasher = new EntryHasher();
  private final MessageDigest sha = hasher.digest();
  private final byte[][] frontier = new byte[64][];
  private long count;
  private Sha256Hash head = AuditEntry.GENESIS;
  private long firstBad = -1;
  private String reason;

  /** Creates a verifier expecting entry 0 first. */
  public AuditVerifier() {}

  /** Checks a whole log. */
  public static AuditVerification verify(Iterable<AuditEntry> entries) {
    AuditVerifier v = new AuditVerifier();
    for (AuditEntry e : entries) {
      if (!v.add(e)) {
        break;
      }
    }
    return v.result();
  }

  /** Checks the next entry; returns {@code false} (and stops accepting) at the first bad one. */
  public boolean add(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (firstBad >= 0) {
      return false;
    }
    if (entry.sequence() != count) {
      String why =
          entry.sequence() > count
              ? "entry "
                  + count
                  + " is missing: found sequence "
                  + entry.sequence()
                  + " (an entry was removed or the log reordered)"
              : "expected sequence "
                  + count
                  + ", found "
                  + entry.sequence()
                  + " (an entry was inserted, repeated or reordered)";
      return fail(why);
    }
    Sha256Hash computed = entry.computeHash(hasher);
    if (!computed.equals(entry.hash())) {
      return fail("entry " + count + " was changed: its content does not match its hash");
    }
    if (!entry.previousHash().equals(head)) {
      return fail(
          "entry "
              + count
              + " does not follow entry "
              + (count - 1)
              + ": the chain is broken (an earlier entry was changed or removed)");
    }
    addLeaf(computed.unsafeBytes());
    head = computed;
    count++;
    return true;
  }

  /**
   * Records that the entry at the next position could not be read at all (for example a line of an
   * export file that is not an entry); the verifier then stops accepting.
   */
  public void unreadable(String why) {
    if (firstBad < 0) {
      fail(Objects.requireNonNull(why, "why"));
    }
  }

  private boolean fail(String why) {
    firstBad = count;
    reason = why;
    return false;
  }

  private void addLeaf(byte[] leaf) {
    byte[] h = leaf;
    long n = count;
    int level = 0;
    while ((n & 1) == 1) {
      h = InclusionProof.node(sha, frontier[level], h);
      frontier[level] = null;
      n >>>= 1;
      level++;
    }
    frontier[level] = h;
  }

  /** The number of intact entries so far. */
  public long count() {
    return count;
  }

  /** The Merkle root over the intact entries so far (the empty-tree root when none). */
  public Sha256Hash currentRoot() {
    return root();
  }

  /** The result so far. */
  public AuditVerification result() {
    return new AuditVerification(count, head, root(), firstBad, reason);
  }

  private Sha256Hash root() {
    if (count == 0) {
      return MerkleTree.emptyRoot();
    }
    byte[] r = null;
    for (int level = 0; level < 64; level++) {
      if (frontier[level] != null) {
        r = r == null ? frontier[level] : InclusionProof.node(sha, frontier[level], r);
      }
    }
    return Sha256Hash.wrap(r);
  }
}
