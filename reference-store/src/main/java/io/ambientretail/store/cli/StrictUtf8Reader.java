package io.ambientretail.store.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes a byte stream as UTF-8 and refuses malformed input with an {@link InputFileException}
 * naming the file and the line of the first bad byte (the JDK's own readers say only "Input length
 * = 1"). Every character decoded before the bad byte is delivered first, so a parser sees the valid
 * lines before the error. Not thread-safe; closes the stream it was given.
 */
final class StrictUtf8Reader extends Reader {
  private static final int BUFFER = 8192;

  private final InputStream in;
  private final String file;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
  private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
  private long newlines;
  private long bytesBeforeBuffer;
  private boolean eof;
  private boolean flushed;
  private InputFileException pending;

  StrictUtf8Reader(InputStream in, String file) {
    this.in = in;
    this.file = file;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (pending != null) {
        throw pending;
      }
      if (flushed) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, chars.remaining());
    chars.get(cbuf, off, n);
    return n;
  }

  /** Decodes more bytes into {@link #chars}, or records the first decoding error. */
  private void fill() throws IOException {
    chars.clear();
    try {
      while (chars.position() == 0 && pending == null && !flushed) {
        CoderResult r = decoder.decode(bytes, chars, eof);
        if (r.isError()) {
          pending = malformed(r.length());
        } else if (r.isUnderflow()) {
          if (eof) {
            if (decoder.flush(chars).isUnderflow()) {
              flushed = true;
            }
          } else {
            readBytes();
          }
        } else {
          break; // overflow: chars is full
        }
      }
    } finally {
      chars.flip();
      countNewlines();
    }
  }

  private void readBytes() throws IOException {
    bytesBeforeBuffer += bytes.position();
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  private void countNewlines() {
    for (int i = chars.position(); i < chars.limit(); i++) {
      if (chars.get(i) == '\n') {
        newlines++;
      }
    }
  }

  private InputFileException malformed(int length) {
    // Newlines of this batch are counted only after the flip, so count those before the error now.
    long line = newlines + 1;
    for (int i = 0; i < chars.position(); i++) {
      if (chars.get(i) == '\n') {
        line++;
      }
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < length && bytes.position() + i < bytes.limit(); i++) {
      hex.append(i == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "0x%02x", bytes.get(bytes.position() + i)));
    }
    return new InputFileException(
        file,
        line,
        "not valid UTF-8 (byte "
            + hex
            + " at byte offset "
            + (bytesBeforeBuffer + bytes.position())
            + "); save the file as UTF-8");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
