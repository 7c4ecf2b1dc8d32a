package io.ambientretail.privacy.audit;

import java.security.MessageDigest;
import java.util.List;

/**
 * A proof that one leaf is in a Merkle tree of a given size (RFC 9162 section 2.1.3): the leaf's
 * index, the tree size and the audit path from the leaf up to the root.
 *
 * <p>Immutable. {@link #verify} is the RFC 9162 section 2.1.3.2 algorithm; it needs nothing but the
 * proof, the leaf hash and a trusted root, so a witness can run it without the log.
 */
public final class InclusionProof {
  private final long leafIndex;
  private final long treeSize;
  private final List<Sha256Hash> path;

  /**
   * Creates a proof from its parts, as received from a log.
   *
   * @throws IllegalArgumentException if the index or size is negative
   */
  public InclusionProof(long leafIndex, long treeSize, List<Sha256Hash> path) {
    if (leafIndex < 0 || treeSize < 0) {
      throw new IllegalArgumentException("leaf index and tree size must not be negative");
    }
    this.leafIndex = leafIndex;
    this.treeSize = treeSize;
    this.path = List.copyOf(path);
  }

  /** The 0-based index of the leaf. */
  public long leafIndex() {
    return leafIndex;
  }

  /** The size of the tree the proof is for. */
  public long treeSize() {
    return treeSize;
  }

  /** The audit path, from the leaf's sibling up to the root's child. */
  public List<Sha256Hash> path() {
    return path;
  }

  /**
   * Checks that {@code leafHash} is leaf {@link #leafIndex()} of the tree of {@link #treeSize()}
   * leaves whose root is {@code root}.
   *
   * @throws InvalidProofException naming the check that failed
   */
  public void verify(Sha256Hash leafHash, Sha256Hash root) throws InvalidProofException {
    if (leafIndex >= treeSize) {
      throw new InvalidProofException(
          "leaf index " + leafIndex + " is not below tree size " + treeSize);
    }
    MessageDigest sha = MerkleTree.sha256();
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash.bytes();
    for (Sha256Hash p : path) {
      if (sn == 0) {
        throw new InvalidProofException("inclusion proof is longer than the tree is deep");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(sha, p.unsafeBytes(), r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = node(sha, r, p.unsafeBytes());
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException("inclusion proof is shorter than the tree is deep");
    }
    if (!MessageDigest.isEqual(r, root.unsafeBytes())) {
      throw new InvalidProofException("inclusion proof does not lead to the root");
    }
  }

  static byte[] node(MessageDigest sha, byte[] left, byte[] right) {
    sha.reset();
    sha.update((byte) 0x01);
    sha.update(left);
    return sha.digest(right);
  }

  @Override
  public String toString() {
    return "InclusionProof{leaf " + leafIndex + " of " + treeSize + ", " + path.size() + " hashes}";
  }
}
