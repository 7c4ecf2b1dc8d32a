package io.ambientretail.inventory.fusion.internal;

import io.ambientretail.inventory.fusion.ReplayFormatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import org.jspecify.annotations.Nullable;

/**
 * Reads lines ending in LF or CRLF without ever holding more than {@code maxChars} of one line, so
 * a file without newlines cannot exhaust memory. Bytes the reader cannot decode fail as {@link
 * ReplayFormatException#ENCODING} naming the line (exactly when the reader is a {@link
 * StrictUtf8Reader}). Not thread-safe.
 */
public final class BoundedLineReader {
  private final Reader in;
  private final int maxChars;
  private final char[] buf = new char[8192];
  private int pos;
  private int len;
  private long lineNumber;
  private final StringBuilder line = new StringBuilder(256);

  public BoundedLineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The 1-based number of the line last returned. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The next line without its terminator, or null at the end of input. */
  public @Nullable String next() throws IOException {
    line.setLength(0);
    boolean any = false;
    while (true) {
      if (pos == len) {
        try {
          len = in.read(buf, 0, buf.length);
        } catch (CharacterCodingException e) {
          len = 0;
          throw new ReplayFormatException(
              ReplayFormatException.ENCODING,
              lineNumber + 1,
              null,
              e instanceof StrictUtf8Reader.Malformed ? e.getMessage() : "not valid UTF-8");
        }
        pos = 0;
        if (len <= 0) {
          len = 0;
          if (!any) {
            return null;
          }
          lineNumber++;
          return strip(line);
        }
      }
      any = true;
      int start = pos;
      while (pos < len && buf[pos] != '\n') {
        pos++;
      }
      int n = pos - start;
      if (line.length() + n > maxChars + 1) {
        throw new ReplayFormatException(
            ReplayFormatException.LIMIT,
            lineNumber + 1,
            null,
            "line longer than " + maxChars + " characters");
      }
      line.append(buf, start, n);
      if (pos < len) {
        pos++;
        lineNumber++;
        return strip(line);
      }
    }
  }

  private String strip(StringBuilder sb) {
    int n = sb.length();
    if (n > 0 && sb.charAt(n - 1) == '\r') {
      n--;
    }
    if (n > maxChars) {
      throw new ReplayFormatException(
          ReplayFormatException.LIMIT,
          lineNumber,
          null,
          "line longer than " + maxChars + " characters");
    }
    return sb.substring(0, n);
  }
}
