package io.ambientretail.inventory;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import io.ambientretail.inventory.internal.Utf8Errors;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when an input file for planning (sales, stock or DC stock CSV, policy YAML) is malformed
 * or over a limit; it names the file, the 1-based line and the field where the input went wrong.
 *
 * <p>The message has the form {@code "sales.csv line 12 field quantity: not an integer: 'x'"}, fit
 * for a one-line command-line error. Nothing from a failed read is kept: a reader either returns
 * the whole input or throws.
 */
public final class InventoryInputException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** The input does not follow its format: a bad header, a missing or malformed field. */
  public static final ErrorCode INPUT_FORMAT = ErrorCode.of("INVENTORY_INPUT_FORMAT");

  /** The input exceeds a configured {@link InputLimits limit} (line length, rows, value range). */
  public static final ErrorCode INPUT_LIMIT = ErrorCode.of("INVENTORY_INPUT_LIMIT");

  /** A policy that cannot be applied: a missing setting or settings that contradict each other. */
  public static final ErrorCode POLICY_INVALID = ErrorCode.of("INVENTORY_POLICY_INVALID");

  private final String source;
  private final long line;
  private final @Nullable String field;

  /**
   * Creates the exception.
   *
   * @param code one of this class's codes
   * @param source the file name or other name of the input
   * @param line the 1-based line, or 0 when the problem is not on one line
   * @param field the field or key, or null when not about one field
   * @param problem what was wrong, without the location
   */
  public InventoryInputException(
      ErrorCode code, String source, long line, @Nullable String field, String problem) {
    super(code, location(source, line, field) + ": " + problem);
    this.source = source;
    this.line = line;
    this.field = field;
  }

  /**
   * The error for a file that failed to decode as UTF-8, naming {@code source} and the line of the
   * first byte that is not UTF-8 (found by reading the file once more).
   *
   * @throws IOException if the file cannot be read again
   */
  public static InventoryInputException notUtf8(Path file, String source) throws IOException {
    return Utf8Errors.notUtf8(file, source);
  }

  private static String location(String source, long line, @Nullable String field) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(" line ").append(line);
    }
    if (field != null) {
      sb.append(" field ").append(field);
    }
    return sb.toString();
  }

  /** The file name or other name of the input. */
  public String source() {
    return source;
  }

  /** The 1-based line where the input went wrong, or 0 when not on one line. */
  public long line() {
    return line;
  }

  /** The field or key that was wrong, or null. */
  public @Nullable String field() {
    return field;
  }
}
