package io.ambientretail.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable, machine-readable error code such as {@code GTIN_CHECK_DIGIT}, carried by every {@link
 * AmbientException}.
 *
 * <p>Codes are an open set: modules define their own constants as {@code static final} fields, so
 * adding a code never breaks a caller's {@code switch}. Compare codes with {@link #equals}. A code
 * is upper-case letters, digits and underscores, and once published it never changes meaning.
 */
public final class ErrorCode {
  private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

  private final String value;

  private ErrorCode(String value) {
    this.value = value;
  }

  /**
   * Returns the code with the given value.
   *
   * @throws IllegalArgumentException if the value is not upper-case letters, digits and underscores
   */
  public static ErrorCode of(String value) {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "error code must match [A-Z][A-Z0-9_]{1,63}, was '" + value + "'");
    }
    return new ErrorCode(value);
  }

  /** The code as text, for logs, JSON and problem-details documents. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorCode && ((ErrorCode) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
