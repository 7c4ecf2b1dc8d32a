package io.ambientretail.payments.terminal;

import com.code_intelligence.jazzer.junit.FuzzTest;

class NexoCodecFuzzTest {
  /** Any bytes as a terminal message: a typed error or a message, never another exception. */
  @FuzzTest(maxDuration = "10s")
  void read_anyBytes_givesAMessageOrATypedError(byte[] data) {
    try {
      NexoMessage m = NexoCodec.read(data);
      if (m instanceof SaleToPoiResponse r) {
        NexoCodec.write(r);
      }
    } catch (NexoFormatException expected) {
      // the documented failure
    } catch (IllegalArgumentException expected) {
      // the writer refusing a card number the reader let through in a terminal-issued field
      if (!expected.getMessage().contains("card number")) {
        throw expected;
      }
    }
  }
}
