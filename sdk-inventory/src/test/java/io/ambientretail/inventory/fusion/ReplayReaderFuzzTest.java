package io.ambientretail.inventory.fusion;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;

/** Hostile input meets typed errors only: no other exception, no hang, no OutOfMemoryError. */
class ReplayReaderFuzzTest {
  private static final ReplayLimits LIMITS =
      ReplayLimits.builder().maxLineChars(4096).maxShoppers(50).maxLanes(50).build();

  @FuzzTest(maxDuration = "20s")
  void replayReader_anyInput_eventsOrTypedError(FuzzedDataProvider data) throws IOException {
    String text = data.consumeRemainingAsString();
    try (ReplayReader r = ReplayReader.open(new StringReader(text), LIMITS)) {
      CartFusion fusion = CartFusion.builder().build();
      for (ReplayEvent e = r.next(); e != null; e = r.next()) {
        fusion.accept(e);
      }
      fusion.finish();
    } catch (ReplayFormatException expected) {
      if (expected.line() < 1) {
        throw new AssertionError("error without a line: " + expected.getMessage());
      }
    }
  }

  @FuzzTest(maxDuration = "10s")
  void receiptReader_anyInput_receiptsOrTypedError(FuzzedDataProvider data) throws IOException {
    try {
      ReceiptReader.readAll(new StringReader(data.consumeRemainingAsString()), LIMITS);
    } catch (ReplayFormatException expected) {
      if (expected.line() < 1) {
        throw new AssertionError("error without a line: " + expected.getMessage());
      }
    }
  }
}
