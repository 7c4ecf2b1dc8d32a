package io.ambientretail.testing.acquirer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated acquirer's append-only state file: one JSON line per kept answer, forced to disk
 * before the answer leaves. Opening it reads the lines written so far and cuts off a last line a
 * crash tore (it was never answered). Not thread-safe: the acquirer calls it under its lock.
 */
final class AcquirerStateFile implements AutoCloseable {
  /** Longest line accepted when reading back, so a damaged file cannot exhaust the heap. */
  static final int MAX_LINE = 256 * 1024;

  /** One complete line and its 1-based number. */
  record Line(int number, String text) {}

  private final Path path;
  private final FileChannel channel;
  private final List<Line> lines;

  private AcquirerStateFile(Path path, FileChannel channel, List<Line> lines) {
    this.path = path;
    this.channel = channel;
    this.lines = lines;
  }

  /** Opens (creating) {@code path}, reads its complete lines and drops a torn last one. */
  static AcquirerStateFile open(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel ch =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      byte[] all = Files.readAllBytes(path);
      List<Line> lines = new ArrayList<>();
      int start = 0;
      int number = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == '\n') {
          number++;
          if (i - start > MAX_LINE) {
            throw new IOException(path + ": line " + number + ": longer than " + MAX_LINE);
          }
          String text = utf8(all, start, i - start, path, number);
          if (!text.isBlank()) {
            lines.add(new Line(number, text));
          }
          start = i + 1;
        }
      }
      // a tail without its newline was being written when the process died: never answered
      ch.truncate(start);
      ch.position(start);
      return new AcquirerStateFile(path, ch, List.copyOf(lines));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static String utf8(byte[] b, int off, int len, Path path, int number) throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(path + ": line " + number + ": not UTF-8", e);
    }
  }

  /** The complete lines found when opened. */
  List<Line> lines() {
    return lines;
  }

  /** Appends {@code json} and a newline, and forces both to disk. */
  void append(byte[] json) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(json.length + 1);
    buf.put(json).put((byte) '\n').flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was pending: every append was forced
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
