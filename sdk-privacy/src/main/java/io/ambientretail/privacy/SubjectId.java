package io.ambientretail.privacy;

import java.util.Objects;

/**
 * The id of a data subject (a shopper, an employee) as the SDK's stores know them: a pseudonymous
 * key such as a loyalty id or a keyed card fingerprint, never a name, e-mail address or PAN.
 *
 * <p>Immutable; 1 to 128 printable ASCII characters without spaces.
 */
public final class SubjectId {
  private final String value;

  private SubjectId(String value) {
    this.value = value;
  }

  /**
   * Returns the subject id with this value.
   *
   * @throws PrivacyException if the value is empty, too long or has a character outside '!'..'~'
   */
  public static SubjectId of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 128) {
      throw new PrivacyException(
          PrivacyException.SUBJECT_ID,
          "a subject id is 1 to 128 characters, was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new PrivacyException(
            PrivacyException.SUBJECT_ID,
            "subject id has a character outside '!'..'~' at position " + i);
      }
    }
    return new SubjectId(value);
  }

  /** The id as text. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubjectId && ((SubjectId) o).value.equals(value);
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
