package io.ambientretail.privacy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ambientretail.privacy.PrivacyException;
import java.nio.charset.StandardCharsets;

/** Hostile checkpoint text parses or fails with AUDIT_FIELD, never another exception. */
class SignedCheckpointFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse_anyText_checkpointOrTypedError(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      SignedCheckpoint c = SignedCheckpoint.parse(text);
      assertThat(SignedCheckpoint.parse(c.text()).text()).isEqualTo(c.text());
    } catch (PrivacyException expected) {
      assertThat(expected.code()).isEqualTo(PrivacyException.AUDIT_FIELD);
    }
  }
}
