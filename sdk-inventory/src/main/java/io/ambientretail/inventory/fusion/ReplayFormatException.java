package io.ambientretail.inventory.fusion;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a replay log or a receipt (truth) file is malformed: the message names the line
 * (1-based) and, where one is to blame, the field.
 *
 * <p>Codes: {@link #SYNTAX} (not JSON, or trailing content), {@link #FIELD} (a field missing, of
 * the wrong type, out of range, or time going backwards), {@link #LIMIT} (a {@link ReplayLimits}
 * bound exceeded), {@link #ENCODING} (bytes that are not UTF-8), {@link #NOT_RECEIPTS} (a truth
 * file whose lines are not receipt lines).
 */
public final class ReplayFormatException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** The line is not one JSON object. */
  public static final ErrorCode SYNTAX = ErrorCode.of("FUSION_REPLAY_SYNTAX");

  /** A field is missing, of the wrong type or out of range. */
  public static final ErrorCode FIELD = ErrorCode.of("FUSION_REPLAY_FIELD");

  /** A bound of {@link ReplayLimits} was exceeded. */
  public static final ErrorCode LIMIT = ErrorCode.of("FUSION_REPLAY_LIMIT");

  /** The line holds bytes that are not valid UTF-8. */
  public static final ErrorCode ENCODING = ErrorCode.of("FUSION_REPLAY_ENCODING");

  /**
   * A receipt (truth) file holds a line that is not a receipt line, or no receipt line at all: the
   * file is in another format.
   */
  public static final ErrorCode NOT_RECEIPTS = ErrorCode.of("FUSION_TRUTH_FORMAT");

  private final long line;
  private final @Nullable String field;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param code one of this class's codes
   * @param line the 1-based line number
   * @param field the field to blame, or null
   * @param detail what was wrong, without the line and field
   */
  public ReplayFormatException(ErrorCode code, long line, @Nullable String field, String detail) {
    super(code, "line " + line + (field == null ? "" : ", field '" + field + "'") + ": " + detail);
    this.line = line;
    this.field = field;
    this.detail = detail;
  }

  /** The 1-based line number where the input went wrong. */
  public long line() {
    return line;
  }

  /** The field to blame, or null when the line as a whole is wrong. */
  public @Nullable String field() {
    return field;
  }

  /** What was wrong, without the line and field. */
  public String detail() {
    return detail;
  }

  /** A one-line message that starts with {@code source:line:}, for command lines. */
  public String describe(String source) {
    return source + ":" + line + ": " + (field == null ? "" : "field '" + field + "': ") + detail;
  }
}
