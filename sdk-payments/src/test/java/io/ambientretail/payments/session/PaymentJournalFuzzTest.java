package io.ambientretail.payments.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class PaymentJournalFuzzTest {
  /** Any bytes as a journal file: it opens, or fails with an IOException; nothing else. */
  @FuzzTest(maxDuration = "10s")
  void open_anyFile_opensOrFailsWithIoException(byte[] data) throws IOException {
    Path dir = Files.createTempDirectory("journal-fuzz");
    Path file = dir.resolve("payments.journal");
    try {
      Files.write(file, data);
      try (PaymentJournal j = PaymentJournal.open(file)) {
        j.sessionIds();
      } catch (IOException expected) {
        // corrupt before the end, or a record that is not a journal record
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
