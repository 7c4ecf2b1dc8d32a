package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Mettler Toledo MT-SICS response lines (CR LF already removed): {@code S S 100.00 g},
 * {@code S D ...}, {@code S I}, {@code S +}, {@code S -}, {@code Z A}, {@code T S ...}, {@code I2 A
 * "model" "410.0090 g"}, {@code I4 A "serial"}, {@code ES}, {@code ET}, {@code EL}. Weights become
 * exact milligrams (no floating point). Allocation-light: weight lines allocate only the response
 * and its weight.
 *
 * <p>Immutable and thread-safe.
 */
public final class MtSicsParser {
  /** The default longest response accepted: 256 bytes. */
  public static final int DEFAULT_MAX_LENGTH = 256;

  private final int maxLength;

  private MtSicsParser(int maxLength) {
    this.maxLength = maxLength;
  }

  /** A parser with {@link #DEFAULT_MAX_LENGTH}. */
  public static MtSicsParser create() {
    return new MtSicsParser(DEFAULT_MAX_LENGTH);
  }

  /** A parser that rejects responses longer than {@code maxLength} (1..65536). */
  public static MtSicsParser withMaxLength(int maxLength) {
    if (maxLength < 1 || maxLength > 65_536) {
      throw new IllegalArgumentException("maxLength must be 1..65536, was " + maxLength);
    }
    return new MtSicsParser(maxLength);
  }

  /** Parses a response given as text. */
  public MtSicsResponse parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
    return parse(b, 0, b.length);
  }

  /**
   * Parses one response line.
   *
   * @throws ScaleFormatException naming the offset where the line breaks MT-SICS
   */
  public MtSicsResponse parse(byte[] b, int off, int len) {
    if (len == 0) {
      throw new ScaleFormatException("empty MT-SICS response", 0);
    }
    if (len > maxLength) {
      throw new ScaleFormatException(
          "MT-SICS response of " + len + " bytes exceeds the limit of " + maxLength, maxLength);
    }
    int end = off + len;
    int i = off;
    while (i < end && b[i] != ' ') {
      int c = b[i];
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '@')) {
        throw new ScaleFormatException("bad character in command identifier", i - off);
      }
      i++;
    }
    if (i == off || i - off > 6) {
      throw new ScaleFormatException("bad command identifier", 0);
    }
    String command = command(b, off, i - off);
    if (i == end) {
      if (command.equals("ES") || command.equals("ET") || command.equals("EL")) {
        return new MtSicsResponse(command, ' ', null, "", List.of());
      }
      throw new ScaleFormatException("response " + command + " has no status", i - off);
    }
    i++; // the space
    if (i == end) {
      throw new ScaleFormatException("missing status", i - off);
    }
    char status = (char) (b[i] & 0xFF);
    if ("SDAIL+-B".indexOf(status) < 0) {
      throw new ScaleFormatException("unknown status '" + status + "'", i - off);
    }
    i++;
    if (i == end) {
      return new MtSicsResponse(command, status, null, "", List.of());
    }
    if (b[i] != ' ') {
      throw new ScaleFormatException("expected a space after the status", i - off);
    }
    while (i < end && b[i] == ' ') {
      i++;
    }
    if (i < end && b[i] == '"') {
      return new MtSicsResponse(command, status, null, "", quoted(b, i, end, off));
    }
    int numStart = i;
    while (i < end && b[i] != ' ') {
      i++;
    }
    int numEnd = i;
    while (i < end && b[i] == ' ') {
      i++;
    }
    int unitStart = i;
    while (i < end && b[i] != ' ') {
      i++;
    }
    if (i != end) {
      throw new ScaleFormatException("unexpected text after the unit", i - off);
    }
    String unit = WeightText.unit(b, unitStart, end);
    if (unit.isEmpty()) {
      throw new ScaleFormatException("unknown or missing unit", unitStart - off);
    }
    Weight w = WeightText.parse(b, numStart, numEnd, unit);
    if (w == null) {
      throw new ScaleFormatException("weight is not a decimal number in range", numStart - off);
    }
    return new MtSicsResponse(command, status, w, unit, List.of());
  }

  private static String command(byte[] b, int off, int n) {
    if (n == 1) {
      switch (b[off]) {
        case 'S':
          return "S";
        case 'Z':
          return "Z";
        case 'T':
          return "T";
        case '@':
          return "@";
        default:
          break;
      }
    } else if (n == 2) {
      if (b[off] == 'S' && b[off + 1] == 'I') {
        return "SI";
      }
      if (b[off] == 'I' && b[off + 1] == '4') {
        return "I4";
      }
      if (b[off] == 'I' && b[off + 1] == '2') {
        return "I2";
      }
      if (b[off] == 'E') {
        switch (b[off + 1]) {
          case 'S':
            return "ES";
          case 'T':
            return "ET";
          case 'L':
            return "EL";
          default:
            break;
        }
      }
    }
    return new String(b, off, n, StandardCharsets.US_ASCII);
  }

  private static List<String> quoted(byte[] b, int i, int end, int off) {
    List<String> out = new ArrayList<>(2);
    while (i < end) {
      if (b[i] != '"') {
        throw new ScaleFormatException("expected '\"'", i - off);
      }
      int start = ++i;
      while (i < end && b[i] != '"') {
        i++;
      }
      if (i == end) {
        throw new ScaleFormatException("unterminated quoted text", start - 1 - off);
      }
      out.add(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
      i++;
      while (i < end && b[i] == ' ') {
        i++;
      }
      if (out.size() > 16) {
        throw new ScaleFormatException("more than 16 quoted fields", i - off);
      }
    }
    return out;
  }
}
