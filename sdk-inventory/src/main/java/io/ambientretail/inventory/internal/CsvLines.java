package io.ambientretail.inventory.internal;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.SkuId;
import io.ambientretail.core.StoreId;
import io.ambientretail.inventory.InputLimits;
import io.ambientretail.inventory.InventoryInputException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a small RFC 4180 CSV dialect line by line within {@link InputLimits}: a header row, comma
 * separators, optional double quotes (with {@code ""} for a quote) but no line breaks inside a
 * field, CRLF or LF line ends, an optional UTF-8 byte order mark, blank lines skipped. Not
 * thread-safe.
 */
public final class CsvLines {
  private final Reader in;
  private final String source;
  private final InputLimits limits;
  private final StringBuilder line = new StringBuilder();
  private final Map<String, Integer> columns = new HashMap<>();
  private final List<String> fields = new ArrayList<>();
  private long lineNo;
  private long rows;
  private boolean eof;
  private int pushback = -2;

  /**
   * Opens a reader and reads the header, which must name every one of {@code required} (in any
   * order, any case; other columns are ignored).
   */
  public CsvLines(Reader in, String source, InputLimits limits, String... required)
      throws IOException {
    this.in = in;
    this.source = source;
    this.limits = limits;
    if (!readLine()) {
      throw error(null, "empty file: expected the header " + String.join(",", required));
    }
    if (line.length() > 0 && line.charAt(0) == '\uFEFF') {
      line.deleteCharAt(0);
    }
    split();
    for (int i = 0; i < fields.size(); i++) {
      columns.putIfAbsent(fields.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    for (String r : required) {
      if (!columns.containsKey(r)) {
        throw error(
            null,
            "the header must name the column '"
                + r
                + "' (expected "
                + String.join(",", required)
                + ")");
      }
    }
  }

  /** Advances to the next non-blank data row; false at the end of the input. */
  public boolean next() throws IOException {
    while (readLine()) {
      if (line.toString().isBlank()) {
        continue;
      }
      if (++rows > limits.maxRows()) {
        throw new InventoryInputException(
            InventoryInputException.INPUT_LIMIT,
            source,
            lineNo,
            null,
            "more than " + limits.maxRows() + " rows");
      }
      split();
      return true;
    }
    return false;
  }

  /** The 1-based number of the current line. */
  public long lineNumber() {
    return lineNo;
  }

  /** The trimmed text of a column of the current row; a missing field is an error. */
  public String get(String column) {
    int i = columns.get(column);
    if (i >= fields.size()) {
      throw error(column, "missing (the row has " + fields.size() + " fields)");
    }
    String v = fields.get(i).trim();
    if (v.isEmpty()) {
      throw error(column, "empty");
    }
    return v;
  }

  /** A column parsed as an integer within {@code [min, max]}. */
  public int getInt(String column, int min, int max) {
    String v = get(column);
    long value;
    try {
      if (v.length() > 12) {
        throw new NumberFormatException();
      }
      value = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw error(column, "not an integer: '" + shorten(v) + "'");
    }
    if (value < min || value > max) {
      throw new InventoryInputException(
          InventoryInputException.INPUT_LIMIT,
          source,
          lineNo,
          column,
          "value " + value + " outside " + min + ".." + max);
    }
    return (int) value;
  }

  /** A column parsed as a store id. */
  public StoreId store(String column) {
    String v = get(column);
    try {
      return StoreId.of(v);
    } catch (AmbientException | IllegalArgumentException e) {
      throw error(column, e.getMessage());
    }
  }

  /** A column parsed as a SKU id. */
  public SkuId sku(String column) {
    String v = get(column);
    try {
      return SkuId.of(v);
    } catch (AmbientException | IllegalArgumentException e) {
      throw error(column, e.getMessage());
    }
  }

  /** An input-format error at the current line. */
  public InventoryInputException error(String field, String problem) {
    return new InventoryInputException(
        InventoryInputException.INPUT_FORMAT, source, lineNo, field, problem);
  }

  /** Text cut to 40 characters for an error message. */
  public static String shorten(String v) {
    return v.length() <= 40 ? v : v.substring(0, 40) + "...";
  }

  private boolean readLine() throws IOException {
    line.setLength(0);
    if (eof) {
      return false;
    }
    lineNo++;
    while (true) {
      int c = pushback != -2 ? pushback : in.read();
      pushback = -2;
      if (c == -1) {
        eof = true;
        return line.length() > 0;
      }
      if (c == '\n') {
        return true;
      }
      if (c == '\r') {
        int d = in.read();
        if (d != '\n') {
          pushback = d;
        }
        return true;
      }
      if (line.length() >= limits.maxLineChars()) {
        throw new InventoryInputException(
            InventoryInputException.INPUT_LIMIT,
            source,
            lineNo,
            null,
            "line longer than " + limits.maxLineChars() + " characters");
      }
      line.append((char) c);
    }
  }

  private void split() {
    fields.clear();
    StringBuilder f = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      f.setLength(0);
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw error(null, "unterminated quoted field (fields " + (fields.size() + 1) + ")");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              f.append('"');
              i++;
            } else {
              break;
            }
          } else {
            f.append(c);
          }
        }
        while (i < n && line.charAt(i) == ' ') {
          i++;
        }
        if (i < n && line.charAt(i) != ',') {
          throw error(null, "text after a closing quote at column " + (i + 1));
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"') {
            throw error(null, "a quote inside an unquoted field at column " + i);
          }
          f.append(c);
        }
      }
      fields.add(f.toString());
      if (i >= n) {
        return;
      }
      i++;
    }
  }
}
