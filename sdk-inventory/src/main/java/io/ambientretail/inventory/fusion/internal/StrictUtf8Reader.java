package io.ambientretail.inventory.fusion.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Decodes UTF-8 strictly and hands over every character before a malformed byte sequence before it
 * fails, so a line reader on top knows exactly which line holds the bad bytes (the JDK's readers
 * fail without giving the characters decoded in the same chunk). The failure is a {@link
 * Malformed}, naming the offending bytes. Not thread-safe; closing it closes the stream.
 */
public final class StrictUtf8Reader extends Reader {
  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private boolean eof;
  private boolean flushed;
  private @Nullable Malformed pending;

  public StrictUtf8Reader(InputStream in) {
    this.in = in;
  }

  /** Malformed UTF-8: the offending bytes, as hex. */
  public static final class Malformed extends CharacterCodingException {
    private static final long serialVersionUID = 1L;
    private final String hex;

    Malformed(String hex) {
      this.hex = hex;
    }

    /** The malformed bytes as hex pairs, such as {@code "ff"} or {@code "c3 28"}. */
    public String hex() {
      return hex;
    }

    @Override
    public String getMessage() {
      return "not valid UTF-8 (bytes " + hex + ")";
    }
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (pending != null) {
      throw pending;
    }
    if (flushed) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(buf, off, len);
    while (true) {
      CoderResult r = decoder.decode(bytes, out, eof);
      int produced = out.position() - off;
      if (r.isError()) {
        Malformed m = malformed(r.length());
        if (produced > 0) {
          pending = m;
          return produced;
        }
        throw m;
      }
      if (r.isOverflow()) {
        return produced;
      }
      // Underflow: the bytes are used up (bar an incomplete sequence at the end).
      if (eof) {
        decoder.flush(out);
        flushed = true;
        produced = out.position() - off;
        return produced == 0 ? -1 : produced;
      }
      if (produced > 0 && in.available() == 0) {
        return produced;
      }
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
  }

  private Malformed malformed(int length) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < length && bytes.position() + i < bytes.limit(); i++) {
      if (i > 0) {
        hex.append(' ');
      }
      int b = bytes.get(bytes.position() + i) & 0xff;
      hex.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return new Malformed(hex.toString());
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
