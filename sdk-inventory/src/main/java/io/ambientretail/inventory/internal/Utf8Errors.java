package io.ambientretail.inventory.internal;

import io.ambientretail.inventory.InventoryInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a failed UTF-8 decoding of an input file into an error naming the file and the line of the
 * first byte that is not UTF-8 (a JDK reader only says "Input length = 1"). Used after the failure,
 * so the second pass over the file costs nothing on good input. Stateless.
 */
public final class Utf8Errors {
  private Utf8Errors() {}

  /**
   * The error for {@code file}, which failed to decode as UTF-8; {@code source} names it.
   *
   * @throws IOException if the file cannot be read again
   */
  public static InventoryInputException notUtf8(Path file, String source) throws IOException {
    return new InventoryInputException(
        InventoryInputException.INPUT_FORMAT,
        source,
        firstBadLine(file),
        null,
        "not UTF-8 text (a byte sequence that is not UTF-8; save the file as UTF-8)");
  }

  /** The 1-based line holding the first malformed or unmappable byte, or 0 if there is none. */
  static long firstBadLine(Path file) throws IOException {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(8192);
    CharBuffer chars = CharBuffer.allocate(8192);
    long line = 1;
    try (InputStream in = Files.newInputStream(file)) {
      boolean eof = false;
      while (true) {
        int n = eof ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
        CoderResult r = dec.decode(bytes, chars, eof);
        chars.flip();
        for (int i = 0; i < chars.limit(); i++) {
          if (chars.get(i) == '\n') {
            line++;
          }
        }
        chars.clear();
        if (r.isError()) {
          return line;
        }
        bytes.compact();
        if (eof && !r.isOverflow()) {
          return dec.flush(chars).isError() ? line : 0;
        }
      }
    }
  }
}
