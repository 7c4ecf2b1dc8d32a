package io.ambientretail.payments.emv;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

class EmvResponseFuzzTest {
  private static final EmvCardReader READER =
      EmvCardReader.create(EmvReaderConfig.builder().maxRecords(16).build());

  /** Any card answers end in a read or an EmvException; never another exception or a hang. */
  @FuzzTest(maxDuration = "30s")
  void reader_anyCardAnswers_readOrFailTyped(FuzzedDataProvider data) throws IOException {
    int[] calls = {0};
    try (CardRead read =
        READER.read(
            command -> {
              if (++calls[0] > 400) {
                throw new IOException("the reader sent too many commands");
              }
              if (data.remainingBytes() == 0) {
                return new byte[] {0x6A, (byte) 0x82};
              }
              byte[] body = data.consumeBytes(data.consumeInt(0, 300));
              byte[] r = new byte[body.length + 2];
              System.arraycopy(body, 0, r, 0, body.length);
              boolean ok = data.consumeBoolean();
              r[body.length] = ok ? (byte) 0x90 : data.consumeByte();
              r[body.length + 1] = ok ? 0x00 : data.consumeByte();
              return r;
            })) {
      if (read.pan().length() < 12) {
        throw new AssertionError("a PAN shorter than 12 digits was accepted");
      }
    } catch (EmvException expected) {
      // a typed, described failure is the right answer to a broken card
    }
    if (calls[0] > 400) {
      throw new AssertionError("too many commands");
    }
  }
}
