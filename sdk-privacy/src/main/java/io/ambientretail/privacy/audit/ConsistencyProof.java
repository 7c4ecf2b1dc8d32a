package io.ambientretail.privacy.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A proof that a Merkle tree of {@link #oldSize()} leaves is a prefix of the tree of {@link
 * #newSize()} leaves (RFC 9162 section 2.1.4): the log only ever appended, nothing earlier was
 * changed, removed or cut off.
 *
 * <p>Immutable. {@link #verify} is the RFC 9162 section 2.1.4.2 algorithm, with the conventions of
 * transparency logs for the edge cases: equal sizes need an empty proof and equal roots, an old
 * size of 0 needs an empty proof, and a new size below the old one ("going back in time") fails.
 */
public final class ConsistencyProof {
  private final long oldSize;
  private final long newSize;
  private final List<Sha256Hash> path;

  /**
   * Creates a proof from its parts, as received from a log.
   *
   * @throws IllegalArgumentException if a size is negative
   */
  public ConsistencyProof(long oldSize, long newSize, List<Sha256Hash> path) {
    if (oldSize < 0 || newSize < 0) {
      throw new IllegalArgumentException("tree sizes must not be negative");
    }
    this.oldSize = oldSize;
    this.newSize = newSize;
    this.path = List.copyOf(path);
  }

  /** The size of the earlier tree. */
  public long oldSize() {
    return oldSize;
  }

  /** The size of the later tree. */
  public long newSize() {
    return newSize;
  }

  /** The proof's hashes. */
  public List<Sha256Hash> path() {
    return path;
  }

  /**
   * Checks that the tree with root {@code oldRoot} at {@link #oldSize()} is a prefix of the tree
   * with root {@code newRoot} at {@link #newSize()}.
   *
   * @throws InvalidProofException naming the check that failed
   */
  public void verify(Sha256Hash oldRoot, Sha256Hash newRoot) throws InvalidProofException {
    if (newSize < oldSize) {
      throw new InvalidProofException(
          "new size " + newSize + " is below old size " + oldSize + " (going back in time)");
    }
    if (oldSize == newSize) {
      if (!path.isEmpty()) {
        throw new InvalidProofException("a proof between equal sizes must be empty");
      }
      if (!oldRoot.equals(newRoot)) {
        throw new InvalidProofException("two different roots for the same size " + oldSize);
      }
      return;
    }
    if (oldSize == 0) {
      if (!path.isEmpty()) {
        throw new InvalidProofException("a proof from the empty tree must be empty");
      }
      return;
    }
    if (path.isEmpty()) {
      throw new InvalidProofException("empty consistency proof");
    }
    List<Sha256Hash> p = path;
    if (Long.bitCount(oldSize) == 1) {
      p = new ArrayList<>(path.size() + 1);
      p.add(oldRoot);
      p.addAll(path);
    }
    MessageDigest sha = MerkleTree.sha256();
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = p.get(0).bytes();
    byte[] sr = fr.clone();
    for (int i = 1; i < p.size(); i++) {
      byte[] c = p.get(i).unsafeBytes();
      if (sn == 0) {
        throw new InvalidProofException("consistency proof is longer than the tree is deep");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = InclusionProof.node(sha, c, fr);
        sr = InclusionProof.node(sha, c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = InclusionProof.node(sha, sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException("consistency proof is shorter than the tree is deep");
    }
    if (!MessageDigest.isEqual(fr, oldRoot.unsafeBytes())) {
      throw new InvalidProofException("consistency proof does not lead to the old root");
    }
    if (!MessageDigest.isEqual(sr, newRoot.unsafeBytes())) {
      throw new InvalidProofException("consistency proof does not lead to the new root");
    }
  }

  @Override
  public String toString() {
    return "ConsistencyProof{" + oldSize + " -> " + newSize + ", " + path.size() + " hashes}";
  }
}
