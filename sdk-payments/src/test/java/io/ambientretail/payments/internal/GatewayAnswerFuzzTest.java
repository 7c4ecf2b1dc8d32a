package io.ambientretail.payments.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;

class GatewayAnswerFuzzTest {
  /** Any bytes as a gateway answer: a typed error or a value, never another exception. */
  @FuzzTest(maxDuration = "10s")
  void outcome_anyBytes_givesAValueOrATypedError(byte[] data) {
    try {
      GatewayWire.outcome(data, false, "answer");
    } catch (JsonFormatException expected) {
      // the documented failure
    }
    try {
      GatewayWire.status(data, "status");
    } catch (JsonFormatException expected) {
      // the documented failure
    }
  }
}
