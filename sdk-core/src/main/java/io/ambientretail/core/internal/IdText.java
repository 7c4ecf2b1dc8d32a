package io.ambientretail.core.internal;

import io.ambientretail.core.InvalidValueException;

/**
 * The one rule every typed id follows: 1 to 64 characters of letters, digits, '.', '_', ':', '-'.
 */
public final class IdText {
  private IdText() {}

  /**
   * Returns {@code value} when it is a valid id for {@code kind}, or throws naming the position.
   */
  public static String check(String kind, String value) {
    if (value == null || value.isEmpty() || value.length() > 64) {
      throw new InvalidValueException(
          InvalidValueException.ID_FORMAT, kind + " must have 1 to 64 characters", -1);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        throw new InvalidValueException(
            InvalidValueException.ID_FORMAT,
            kind
                + " has an invalid character at position "
                + (i + 1)
                + " (allowed: letters, digits, '.', '_', ':', '-')",
            i);
      }
    }
    return value;
  }
}
