package io.ambientretail.devices.smartcard;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PC/SC reader name pattern from configuration: a glob where {@code *} matches any run of
 * characters and {@code ?} one character, compared without regard to case, e.g. {@code "Virtual
 * PCD*"} or {@code "*Contactless*"}. An empty pattern matches every reader.
 *
 * <p>Immutable.
 */
public final class ReaderPattern {
  private final String glob;
  private final Pattern regex;

  private ReaderPattern(String glob) {
    this.glob = glob;
    StringBuilder sb = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        sb.append(".*");
      } else if (c == '?') {
        sb.append('.');
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    this.regex =
        Pattern.compile(
            glob.isEmpty() ? ".*" : sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The pattern for {@code glob} (at most 256 characters). */
  public static ReaderPattern of(String glob) {
    Objects.requireNonNull(glob, "glob");
    if (glob.length() > 256) {
      throw new IllegalArgumentException("reader pattern longer than 256 characters");
    }
    return new ReaderPattern(glob);
  }

  /** True if {@code readerName} matches. */
  public boolean matches(String readerName) {
    return regex.matcher(readerName).matches();
  }

  @Override
  public String toString() {
    return glob.isEmpty() ? "*" : glob;
  }
}
