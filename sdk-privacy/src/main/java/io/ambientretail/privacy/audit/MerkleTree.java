package io.ambientretail.privacy.audit;

import io.ambientretail.privacy.PrivacyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only Merkle tree in the shape of RFC 6962 / RFC 9162 (leaf {@code SHA-256(0x00 ||
 * entry)}, node {@code SHA-256(0x01 || left || right)}) that gives the root of any earlier size and
 * inclusion and consistency proofs between sizes.
 *
 * <p>It keeps every complete subtree's hash (about two hashes per leaf, in 1 MiB chunks), so an
 * append is amortised one node hash, and a root or proof for any size costs O(log n) hashes.
 *
 * <p>Not thread-safe: {@link AuditLog} guards its tree; other users must synchronise themselves.
 */
public final class MerkleTree {
  private final MessageDigest sha;

  /** levels.get(h) holds the hashes of the complete, aligned subtrees of 2^h leaves. */
  private final List<HashArray> levels = new ArrayList<>();

  private final byte[] pair = new byte[1 + 2 * Sha256Hash.LENGTH];

  /** Creates an empty tree. */
  public MerkleTree() {
    this.sha = sha256();
    levels.add(new HashArray());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The RFC 6962 hash of a leaf: {@code SHA-256(0x00 || data)}. */
  public static Sha256Hash leafHash(byte[] data) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x00);
    return Sha256Hash.wrap(sha.digest(data));
  }

  /** The RFC 6962 hash of an interior node: {@code SHA-256(0x01 || left || right)}. */
  public static Sha256Hash nodeHash(Sha256Hash left, Sha256Hash right) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x01);
    sha.update(left.unsafeBytes());
    return Sha256Hash.wrap(sha.digest(right.unsafeBytes()));
  }

  /** The root of the empty tree: {@code SHA-256("")}. */
  public static Sha256Hash emptyRoot() {
    return Sha256Hash.wrap(sha256().digest());
  }

  /** The number of leaves. */
  public long size() {
    return levels.get(0).size();
  }

  /** Appends a leaf given by its leaf hash (for an {@link AuditEntry}, its {@code hash()}). */
  public void append(Sha256Hash leafHash) {
    appendLeaf(leafHash.unsafeBytes());
  }

  void appendLeaf(byte[] leafHash) {
    levels.get(0).add(leafHash, 0);
    long n = levels.get(0).size();
    int h = 0;
    // Each time the count at a level becomes even, the last two nodes complete a parent.
    while ((n & 1) == 0) {
      HashArray level = levels.get(h);
      long count = level.size();
      pair[0] = 0x01;
      level.copy(count - 2, pair, 1);
      level.copy(count - 1, pair, 1 + Sha256Hash.LENGTH);
      sha.update(pair);
      byte[] parent = sha.digest();
      if (levels.size() == h + 1) {
        levels.add(new HashArray());
      }
      levels.get(h + 1).add(parent, 0);
      n >>>= 1;
      h++;
    }
  }

  /** The root of the whole tree. */
  public Sha256Hash root() {
    return root(size());
  }

  /**
   * The root the tree had when it held {@code treeSize} leaves.
   *
   * @throws PrivacyException if {@code treeSize} is negative or larger than the tree
   */
  public Sha256Hash root(long treeSize) {
    checkSize(treeSize);
    if (treeSize == 0) {
      return emptyRoot();
    }
    return Sha256Hash.wrap(range(0, treeSize));
  }

  /**
   * The audit path proving that leaf {@code leafIndex} is in the tree of {@code treeSize} leaves
   * (RFC 6962 section 2.1.1).
   *
   * @throws PrivacyException if the index is not below the size or the size is larger than the tree
   */
  public InclusionProof inclusionProof(long leafIndex, long treeSize) {
    checkSize(treeSize);
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new PrivacyException(
          PrivacyException.AUDIT_RANGE, "leaf " + leafIndex + " is not in a tree of " + treeSize);
    }
    List<Sha256Hash> path = new ArrayList<>();
    path(leafIndex, 0, treeSize, path);
    return new InclusionProof(leafIndex, treeSize, path);
  }

  /**
   * The proof that the tree of {@code oldSize} leaves is a prefix of the tree of {@code newSize}
   * leaves (RFC 6962 section 2.1.2).
   *
   * @throws PrivacyException unless {@code 0 <= oldSize <= newSize <= size()}
   */
  public ConsistencyProof consistencyProof(long oldSize, long newSize) {
    checkSize(newSize);
    if (oldSize < 0 || oldSize > newSize) {
      throw new PrivacyException(
          PrivacyException.AUDIT_RANGE,
          "no consistency proof from size " + oldSize + " to size " + newSize);
    }
    List<Sha256Hash> path = new ArrayList<>();
    if (oldSize > 0 && oldSize < newSize) {
      subproof(oldSize, 0, newSize, true, path);
    }
    return new ConsistencyProof(oldSize, newSize, path);
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size()) {
      throw new PrivacyException(
          PrivacyException.AUDIT_RANGE,
          "tree size " + treeSize + " is not between 0 and " + size());
    }
  }

  private void path(long m, long lo, long hi, List<Sha256Hash> out) {
    long n = hi - lo;
    if (n == 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m < lo + k) {
      path(m, lo, lo + k, out);
      out.add(Sha256Hash.wrap(range(lo + k, hi)));
    } else {
      path(m, lo + k, hi, out);
      out.add(Sha256Hash.wrap(range(lo, lo + k)));
    }
  }

  private void subproof(long m, long lo, long hi, boolean whole, List<Sha256Hash> out) {
    if (m == hi) {
      if (!whole) {
        out.add(Sha256Hash.wrap(range(lo, hi)));
      }
      return;
    }
    long k = Long.highestOneBit(hi - lo - 1);
    if (m <= lo + k) {
      subproof(m, lo, lo + k, whole, out);
      out.add(Sha256Hash.wrap(range(lo + k, hi)));
    } else {
      subproof(m, lo + k, hi, false, out);
      out.add(Sha256Hash.wrap(range(lo, lo + k)));
    }
  }

  /** MTH(D[lo:hi]) for 0 <= lo < hi <= size(). */
  private byte[] range(long lo, long hi) {
    long n = hi - lo;
    if (Long.bitCount(n) == 1 && (lo & (n - 1)) == 0) {
      byte[] out = new byte[Sha256Hash.LENGTH];
      levels.get(Long.numberOfTrailingZeros(n)).copy(lo / n, out, 0);
      return out;
    }
    long k = Long.highestOneBit(n - 1);
    byte[] left = range(lo, lo + k);
    byte[] right = range(lo + k, hi);
    sha.update((byte) 0x01);
    sha.update(left);
    return sha.digest(right);
  }

  @Override
  public String toString() {
    return "MerkleTree{size=" + size() + "}";
  }
}
