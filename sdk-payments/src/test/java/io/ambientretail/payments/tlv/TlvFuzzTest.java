package io.ambientretail.payments.tlv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class TlvFuzzTest {
  /** Any bytes either parse within the input's bounds or fail with a TlvException. */
  @FuzzTest(maxDuration = "20s")
  void reader_anyBytes_parsesInBoundsOrFailsTyped(byte[] data) {
    TlvReader r = TlvReader.of(data);
    try {
      while (r.next()) {
        assertThat(r.valueOffset()).isBetween(0, data.length);
        assertThat(r.valueEnd()).isBetween(r.valueOffset(), data.length);
        assertThat(r.depth()).isBetween(1, TlvLimits.defaults().maxDepth());
      }
    } catch (TlvException e) {
      assertThat(e.offset()).isBetween(0, data.length);
    }
  }

  /** Whatever parses as a tree encodes back to bytes that parse to the same tree. */
  @FuzzTest(maxDuration = "20s")
  void tree_reencodesToTheSameTree(byte[] data) {
    java.util.List<Tlv> tree;
    try {
      tree = Tlv.parseAll(data, TlvLimits.defaults());
    } catch (TlvException e) {
      return;
    }
    TlvBuilder b = TlvBuilder.create();
    tree.forEach(t -> t.writeTo(b));
    assertThat(Tlv.parseAll(b.build(), TlvLimits.defaults())).isEqualTo(tree);
  }
}
