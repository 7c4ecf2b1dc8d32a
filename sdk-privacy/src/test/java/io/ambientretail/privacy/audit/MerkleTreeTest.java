package io.ambientretail.privacy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.privacy.PrivacyException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Tests the tree and its proofs the way transparency logs test theirs. */
class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();

  // RFC 6962 reference leaves and roots (certificate-transparency test data).
  private static final String[] LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };
  private static final String[] ROOTS = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  private static MerkleTree referenceTree() {
    MerkleTree t = new MerkleTree();
    for (String leaf : LEAVES) {
      t.append(MerkleTree.leafHash(HEX.parseHex(leaf)));
    }
    return t;
  }

  private static List<Sha256Hash> leaves(int n) {
    List<Sha256Hash> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i >> 8), 7}));
    }
    return out;
  }

  private static MerkleTree tree(List<Sha256Hash> leaves) {
    MerkleTree t = new MerkleTree();
    leaves.forEach(t::append);
    return t;
  }

  /** MTH straight from the RFC 6962 definition, as an independent reference. */
  private static Sha256Hash mth(List<Sha256Hash> d) {
    if (d.isEmpty()) {
      return MerkleTree.emptyRoot();
    }
    if (d.size() == 1) {
      return d.get(0);
    }
    int k = Integer.highestOneBit(d.size() - 1);
    return MerkleTree.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
  }

  @Test
  void root_everySize_matchesRfc6962Vectors() {
    MerkleTree t = referenceTree();
    for (int size = 0; size <= LEAVES.length; size++) {
      assertThat(t.root(size).hex()).as("size %d", size).isEqualTo(ROOTS[size]);
    }
  }

  @Test
  void inclusionProof_rfc6962Vectors_matchPublishedPaths() throws Exception {
    MerkleTree t = referenceTree();
    assertThat(t.inclusionProof(0, 8).path())
        .extracting(Sha256Hash::hex)
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(t.inclusionProof(5, 8).path())
        .extracting(Sha256Hash::hex)
        .containsExactly(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    t.inclusionProof(5, 8)
        .verify(MerkleTree.leafHash(HEX.parseHex(LEAVES[5])), Sha256Hash.parseHex(ROOTS[8]));
  }

  @Test
  void root_anySize_matchesRecursiveDefinition() {
    List<Sha256Hash> d = leaves(300);
    MerkleTree t = tree(d);
    for (int size = 0; size <= d.size(); size++) {
      assertThat(t.root(size)).as("size %d", size).isEqualTo(mth(d.subList(0, size)));
    }
  }

  @Test
  void inclusionProof_everyLeafEverySize_verifiesAndEveryCorruptionFails() throws Exception {
    List<Sha256Hash> d = leaves(40);
    MerkleTree t = tree(d);
    int checked = 0;
    for (int n = 1; n <= d.size(); n++) {
      Sha256Hash root = t.root(n);
      for (int m = 0; m < n; m++) {
        InclusionProof p = t.inclusionProof(m, n);
        p.verify(d.get(m), root);
        checked += assertAllCorruptionsFail(p, d.get(m), root, t, d);
      }
    }
    assertThat(checked).isGreaterThan(20_000);
  }

  private static int assertAllCorruptionsFail(
      InclusionProof p, Sha256Hash leaf, Sha256Hash root, MerkleTree t, List<Sha256Hash> d) {
    List<InclusionProof> bad = new ArrayList<>();
    long m = p.leafIndex();
    long n = p.treeSize();
    List<Sha256Hash> path = p.path();
    // Wrong leaf index; wrong tree height (the corruptions transparency-dev's verifier tests use).
    bad.add(new InclusionProof(m + 1, n, path));
    if (m > 0) {
      bad.add(new InclusionProof(m - 1, n, path));
    }
    if ((m ^ 2) != m) {
      bad.add(new InclusionProof(m ^ 2, n, path));
    }
    bad.add(new InclusionProof(m + n, n, path));
    bad.add(new InclusionProof(m, n * 2, path));
    bad.add(new InclusionProof(m, n / 2, path));
    // Extra, missing, reordered and flipped hashes.
    bad.add(new InclusionProof(m, n, append(path, root)));
    bad.add(new InclusionProof(m, n, append(path, leaf)));
    List<Sha256Hash> prepended = new ArrayList<>(path);
    prepended.add(0, leaf);
    bad.add(new InclusionProof(m, n, prepended));
    if (!path.isEmpty()) {
      bad.add(new InclusionProof(m, n, List.of()));
      bad.add(new InclusionProof(m, n, path.subList(0, path.size() - 1)));
      bad.add(new InclusionProof(m, n, path.subList(1, path.size())));
      for (int i = 0; i < path.size(); i++) {
        for (int bit : new int[] {0, 77, 255}) {
          bad.add(new InclusionProof(m, n, replace(path, i, h -> flip(h, bit))));
        }
      }
      if (path.size() > 1 && !path.get(0).equals(path.get(path.size() - 1))) {
        List<Sha256Hash> swapped = new ArrayList<>(path);
        java.util.Collections.swap(swapped, 0, path.size() - 1);
        bad.add(new InclusionProof(m, n, swapped));
      }
    }
    int count = 0;
    for (InclusionProof b : bad) {
      assertThatThrownBy(() -> b.verify(leaf, root))
          .as("%s", b)
          .isInstanceOf(InvalidProofException.class);
      count++;
    }
    // The right proof with a wrong leaf, a flipped root or another size's root.
    assertThatThrownBy(() -> p.verify(flip(leaf, 3), root))
        .isInstanceOf(InvalidProofException.class);
    assertThatThrownBy(() -> p.verify(leaf, flip(root, 200)))
        .isInstanceOf(InvalidProofException.class);
    if (n < d.size()) {
      assertThatThrownBy(() -> p.verify(leaf, t.root(n + 1)))
          .isInstanceOf(InvalidProofException.class);
    }
    if (m + 1 < n) {
      assertThatThrownBy(() -> p.verify(d.get((int) m + 1), root))
          .isInstanceOf(InvalidProofException.class);
    }
    return count + 3;
  }

  @Test
  void consistencyProof_everyPairOfSizes_verifiesAndEveryCorruptionFails() throws Exception {
    List<Sha256Hash> d = leaves(40);
    MerkleTree t = tree(d);
    int checked = 0;
    for (int n = 0; n <= d.size(); n++) {
      for (int m = 0; m <= n; m++) {
        ConsistencyProof p = t.consistencyProof(m, n);
        Sha256Hash r1 = t.root(m);
        Sha256Hash r2 = t.root(n);
        p.verify(r1, r2);
        if (m > 0 && m < n) {
          checked += assertAllCorruptionsFail(p, r1, r2, t);
        }
      }
    }
    assertThat(checked).isGreaterThan(5_000);
  }

  private static int assertAllCorruptionsFail(
      ConsistencyProof p, Sha256Hash r1, Sha256Hash r2, MerkleTree t) {
    long m = p.oldSize();
    long n = p.newSize();
    List<Sha256Hash> path = p.path();
    List<ConsistencyProof> bad = new ArrayList<>();
    bad.add(new ConsistencyProof(n, m, path)); // going back in time
    bad.add(new ConsistencyProof(m - 1, n, path));
    bad.add(new ConsistencyProof(m + 1, n, path));
    bad.add(new ConsistencyProof(m ^ 2, n, path));
    bad.add(new ConsistencyProof(m, n * 2, path));
    bad.add(new ConsistencyProof(m, n / 2, path));
    bad.add(new ConsistencyProof(m, n, List.of()));
    bad.add(new ConsistencyProof(m, n, append(path, r2)));
    List<Sha256Hash> prepended = new ArrayList<>(path);
    prepended.add(0, r1);
    if (Long.bitCount(m) != 1) {
      bad.add(new ConsistencyProof(m, n, prepended));
    }
    bad.add(new ConsistencyProof(m, n, path.subList(0, path.size() - 1)));
    bad.add(new ConsistencyProof(m, n, path.subList(1, path.size())));
    for (int i = 0; i < path.size(); i++) {
      for (int bit : new int[] {0, 128, 255}) {
        bad.add(new ConsistencyProof(m, n, replace(path, i, h -> flip(h, bit))));
      }
    }
    int count = 0;
    for (ConsistencyProof b : bad) {
      assertThatThrownBy(() -> b.verify(r1, r2))
          .as("%s for %d -> %d", b, m, n)
          .isInstanceOf(InvalidProofException.class);
      count++;
    }
    assertThatThrownBy(() -> p.verify(r2, r1))
        .as("swapped roots")
        .isInstanceOf(InvalidProofException.class);
    assertThatThrownBy(() -> p.verify(flip(r1, 9), r2)).isInstanceOf(InvalidProofException.class);
    assertThatThrownBy(() -> p.verify(r1, flip(r2, 9))).isInstanceOf(InvalidProofException.class);
    assertThatThrownBy(() -> p.verify(t.root(m - 1), r2)).isInstanceOf(InvalidProofException.class);
    return count + 4;
  }

  @Test
  void consistencyProof_edgeCases_followTransparencyLogRules() throws Exception {
    MerkleTree t = tree(leaves(5));
    new ConsistencyProof(3, 3, List.of()).verify(t.root(3), t.root(3));
    assertThatThrownBy(() -> new ConsistencyProof(3, 3, List.of()).verify(t.root(3), t.root(4)))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("same size");
    assertThatThrownBy(
            () -> new ConsistencyProof(3, 3, List.of(t.root(3))).verify(t.root(3), t.root(3)))
        .isInstanceOf(InvalidProofException.class);
    assertThatThrownBy(
            () ->
                new ConsistencyProof(0, 5, List.of(t.root(5)))
                    .verify(MerkleTree.emptyRoot(), t.root(5)))
        .isInstanceOf(InvalidProofException.class);
    assertThatThrownBy(() -> new ConsistencyProof(5, 3, List.of()).verify(t.root(5), t.root(3)))
        .hasMessageContaining("back in time");
  }

  @Test
  void proofs_outsideTheTree_areRefused() {
    MerkleTree t = tree(leaves(5));
    assertThatThrownBy(() -> t.inclusionProof(5, 5)).isInstanceOf(PrivacyException.class);
    assertThatThrownBy(() -> t.inclusionProof(0, 6)).isInstanceOf(PrivacyException.class);
    assertThatThrownBy(() -> t.inclusionProof(-1, 5)).isInstanceOf(PrivacyException.class);
    assertThatThrownBy(() -> t.consistencyProof(4, 6)).isInstanceOf(PrivacyException.class);
    assertThatThrownBy(() -> t.consistencyProof(4, 3)).isInstanceOf(PrivacyException.class);
    assertThatThrownBy(() -> t.root(6)).isInstanceOf(PrivacyException.class);
  }

  @Test
  void inclusionProof_indexAtOrPastSize_failsVerification() {
    Sha256Hash leaf = leaves(1).get(0);
    assertThatThrownBy(() -> new InclusionProof(1, 1, List.of()).verify(leaf, leaf))
        .isInstanceOf(InvalidProofException.class);
    assertThatThrownBy(() -> new InclusionProof(0, 0, List.of()).verify(leaf, leaf))
        .isInstanceOf(InvalidProofException.class);
  }

  static Sha256Hash flip(Sha256Hash h, int bit) {
    byte[] b = h.bytes();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Sha256Hash.of(b);
  }

  private static List<Sha256Hash> append(List<Sha256Hash> path, Sha256Hash extra) {
    List<Sha256Hash> out = new ArrayList<>(path);
    out.add(extra);
    return out;
  }

  private static List<Sha256Hash> replace(
      List<Sha256Hash> path, int i, UnaryOperator<Sha256Hash> f) {
    List<Sha256Hash> out = new ArrayList<>(path);
    out.set(i, f.apply(out.get(i)));
    return out;
  }
}
