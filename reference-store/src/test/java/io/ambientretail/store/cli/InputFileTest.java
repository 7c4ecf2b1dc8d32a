package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {
  @TempDir Path tmp;

  @Test
  void openUtf8_missingFile_namesFileAndSaysNoSuchFile() {
    Path f = tmp.resolve("sales.csv");
    assertThatThrownBy(() -> InputFile.of(f).openUtf8())
        .isInstanceOf(InputFileException.class)
        .hasMessage(f + ": no such file");
  }

  @Test
  void openUtf8_directory_saysItIsADirectory() {
    assertThatThrownBy(() -> InputFile.of(tmp).openUtf8())
        .isInstanceOf(InputFileException.class)
        .hasMessage(tmp + ": is a directory, not a file");
  }

  @Test
  void openUtf8_unreadableFile_saysPermissionDenied() throws IOException {
    Path f = Files.writeString(tmp.resolve("policy.yaml"), "x: 1\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("-w-------"));
    Assumptions.assumeFalse(Files.isReadable(f), "runs as a user who can read every file");
    assertThatThrownBy(() -> InputFile.of(f).openUtf8())
        .isInstanceOf(InputFileException.class)
        .hasMessage(f + ": cannot be read (permission denied)");
  }

  @Test
  void read_invalidUtf8OnLine3_deliversLines1And2ThenNamesLine3() throws IOException {
    Path f = tmp.resolve("sales.csv");
    byte[] bad = {'2', '0', '2', '6', (byte) 0xff, '\n'};
    Files.write(f, concat("date,qty\n".getBytes(StandardCharsets.UTF_8), "Zürich,1\n", bad));
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = (BufferedReader) InputFile.of(f).openUtf8()) {
      assertThatThrownBy(
              () -> {
                for (String l; (l = r.readLine()) != null; ) {
                  lines.add(l);
                }
              })
          .isInstanceOf(InputFileException.class)
          .hasMessage(
              f + " line 3: not valid UTF-8 (byte 0xff at byte offset 23); save the file as UTF-8")
          .satisfies(e -> assertThat(((InputFileException) e).line()).isEqualTo(3));
    }
    assertThat(lines).containsExactly("date,qty", "Zürich,1");
  }

  @Test
  void read_invalidByteFarIntoALargeFile_namesItsLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append("line ").append(i).append(" é€\n");
    }
    byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
    Path f = tmp.resolve("replay.jsonl");
    Files.write(f, concat(good, "", new byte[] {(byte) 0xc3, '(', '\n'}));
    assertThatThrownBy(() -> InputFile.of(f).readUtf8(Integer.MAX_VALUE))
        .isInstanceOf(InputFileException.class)
        .hasMessageStartingWith(f + " line 5001: not valid UTF-8 (byte 0xc3 at byte offset ")
        .hasMessageContaining("offset " + good.length + ")");
  }

  @Test
  void read_truncatedSequenceAtEnd_isRefused() throws IOException {
    Path f = tmp.resolve("p.yaml");
    Files.write(f, new byte[] {'a', '\n', 'b', (byte) 0xe2, (byte) 0x82});
    assertThatThrownBy(() -> InputFile.of(f).readUtf8(100))
        .isInstanceOf(InputFileException.class)
        .hasMessageStartingWith(f + " line 2: not valid UTF-8");
  }

  @Test
  void read_validMultiByteTextAcrossBufferBoundaries_isReadUnchanged() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append(i % 7 == 0 ? "😀" : i % 3 == 0 ? "€" : "a").append(i % 50 == 0 ? "\n" : "");
    }
    Path f = Files.writeString(tmp.resolve("ok.txt"), sb, StandardCharsets.UTF_8);
    assertThat(InputFile.of(f).readUtf8(Integer.MAX_VALUE)).isEqualTo(sb.toString());
    StringBuilder oneByOne = new StringBuilder();
    try (Reader r = InputFile.of(f).openUtf8()) {
      for (int c; (c = r.read()) >= 0; ) {
        oneByOne.append((char) c);
      }
    }
    assertThat(oneByOne.toString()).isEqualTo(sb.toString());
  }

  @Test
  void readUtf8_overTheLimit_isRefusedNamingTheLimit() throws IOException {
    Path f = Files.writeString(tmp.resolve("big.yaml"), "x".repeat(101));
    assertThatThrownBy(() -> InputFile.of(f).readUtf8(100))
        .isInstanceOf(InputFileException.class)
        .hasMessage(f + ": longer than 100 characters");
    assertThat(InputFile.of(f).readUtf8(101)).hasSize(101);
  }

  @Test
  void emptyFile_readsAsEmpty() throws IOException {
    Path f = Files.write(tmp.resolve("empty.csv"), new byte[0]);
    assertThat(InputFile.of(f).readUtf8(10)).isEmpty();
  }

  private static byte[] concat(byte[] a, String b, byte[] c) {
    byte[] bb = b.getBytes(StandardCharsets.UTF_8);
    byte[] r = new byte[a.length + bb.length + c.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(bb, 0, r, a.length, bb.length);
    System.arraycopy(c, 0, r, a.length + bb.length, c.length);
    return r;
  }
}
