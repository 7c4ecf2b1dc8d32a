package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ambientretail.privacy.audit.AuditEntry;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** Hostile lines give an entry or a BadLine naming the line, never another exception. */
class AuditJsonLinesFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse_anyLine_entryOrTypedError(byte[] data) throws IOException {
    String text = new String(data, StandardCharsets.UTF_8);
    StringBuilder line = new StringBuilder();
    try {
      if (!AuditJsonLines.readLine(new StringReader(text), line, 1)) {
        return;
      }
      AuditEntry e = AuditJsonLines.parse(line.toString(), 1);
      // A parsed entry writes back to a line that parses to the same entry.
      assertThat(AuditJsonLines.parse(AuditJsonLines.write(e), 1)).isEqualTo(e);
    } catch (AuditJsonLines.BadLine expected) {
      assertThat(expected.getMessage()).startsWith("line 1: ");
    }
  }

  @FuzzTest(maxDuration = "10s")
  void parseLine_anyLine_entryCheckpointOrTypedError(byte[] data) throws IOException {
    String text = new String(data, StandardCharsets.UTF_8);
    StringBuilder line = new StringBuilder();
    try {
      if (!AuditJsonLines.readLine(new StringReader(text), line, 3)) {
        return;
      }
      Object item = AuditJsonLines.parseLine(line.toString(), 3);
      if (item instanceof io.ambientretail.privacy.audit.SignedCheckpoint) {
        io.ambientretail.privacy.audit.SignedCheckpoint c =
            (io.ambientretail.privacy.audit.SignedCheckpoint) item;
        assertThat(AuditJsonLines.parseLine(AuditJsonLines.write(c), 3))
            .extracting(o -> ((io.ambientretail.privacy.audit.SignedCheckpoint) o).text())
            .isEqualTo(c.text());
      } else {
        AuditEntry e = (AuditEntry) item;
        assertThat(AuditJsonLines.parseLine(AuditJsonLines.write(e), 3)).isEqualTo(e);
      }
    } catch (AuditJsonLines.BadLine expected) {
      assertThat(expected.getMessage()).startsWith("line 3: ");
    }
  }
}
