package io.ambientretail.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordLogTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path logWith(String... records) throws Exception {
    Path f = dir.resolve("log");
    try (RecordLog log = RecordLog.open(f)) {
      for (String r : records) {
        log.append(b(r));
      }
    }
    return f;
  }

  @Test
  void reopen_readsEveryRecordInOrder() throws Exception {
    Path f = logWith("one", "two", "three");
    try (RecordLog log = RecordLog.open(f)) {
      assertThat(log.recovered())
          .extracting(r -> new String(r, StandardCharsets.UTF_8))
          .containsExactly("one", "two", "three");
      assertThat(log.truncatedBytes()).isZero();
    }
  }

  @Test
  void open_tornLastRecord_isCutOffAndAppendingContinues() throws Exception {
    Path f = logWith("one", "two");
    long size = Files.size(f);
    Files.write(f, new byte[] {0, 0, 0, 9, 1, 2, 3, 4, 'p', 'a'}, StandardOpenOption.APPEND);
    try (RecordLog log = RecordLog.open(f)) {
      assertThat(log.recovered()).hasSize(2);
      assertThat(log.truncatedBytes()).isEqualTo(10);
      assertThat(Files.size(f)).isEqualTo(size);
      log.append(b("three"));
    }
    try (RecordLog log = RecordLog.open(f)) {
      assertThat(log.recovered()).hasSize(3);
    }
  }

  @Test
  void open_zeroFilledTail_isCutOff() throws Exception {
    Path f = logWith("one");
    Files.write(f, new byte[4096], StandardOpenOption.APPEND);
    try (RecordLog log = RecordLog.open(f)) {
      assertThat(log.recovered()).hasSize(1);
      assertThat(log.truncatedBytes()).isEqualTo(4096);
    }
  }

  @Test
  void open_damagedRecordBeforeTheEnd_failsNamingTheOffset() throws Exception {
    Path f = logWith("first", "second", "third");
    byte[] all = Files.readAllBytes(f);
    all[8 + 5 + 8] ^= 0x20; // a payload byte of "second", whose record starts at offset 13
    Files.write(f, all);
    assertThatThrownBy(() -> RecordLog.open(f))
        .isInstanceOf(RecordLog.CorruptLogException.class)
        .hasMessageContaining("offset 13")
        .hasMessageContaining("JOURNAL_CORRUPT");
  }

  @Test
  void open_impossibleLengthBeforeTheEnd_fails() throws Exception {
    Path f = logWith("first", "second");
    byte[] all = Files.readAllBytes(f);
    all[0] = 0x7f;
    Files.write(f, all);
    assertThatThrownBy(() -> RecordLog.open(f))
        .isInstanceOf(RecordLog.CorruptLogException.class)
        .hasMessageContaining("offset 0");
  }

  @Test
  void rewrite_replacesTheLogAtomically() throws Exception {
    Path f = logWith("a", "b", "c");
    try (RecordLog log = RecordLog.open(f)) {
      log.rewrite(List.of(b("b")));
      log.append(b("d"));
    }
    try (RecordLog log = RecordLog.open(f)) {
      assertThat(log.recovered())
          .extracting(r -> new String(r, StandardCharsets.UTF_8))
          .containsExactly("b", "d");
    }
  }
}
