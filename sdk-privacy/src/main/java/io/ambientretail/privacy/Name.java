package io.ambientretail.privacy;

import java.util.Objects;
import java.util.regex.Pattern;

/** Validates the names of the open sets (purposes, categories, roles, permissions). */
final class Name {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9]*([._-][a-z0-9]+)*");

  private Name() {}

  static String check(String kind, String name) {
    Objects.requireNonNull(name, kind);
    if (name.length() > 64 || !VALID.matcher(name).matches()) {
      throw new PrivacyException(
          PrivacyException.ACCESS_POLICY,
          kind
              + " name must be lower-case"
              + " words joined by '.', '_' or '-', at most 64 characters, was '"
              + name
              + "'");
    }
    return name;
  }
}
