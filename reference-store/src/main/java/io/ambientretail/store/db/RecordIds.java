package io.ambientretail.store.db;

import java.security.SecureRandom;

/**
 * Makes record ids such as {@code se_kqwzpfmhtrab}: a prefix and 12 random letters. Ids hold no
 * digits, so no run of them can ever look like a card number to a PAN scan. Thread-safe.
 */
public final class RecordIds {
  private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz".toCharArray();
  private final SecureRandom random = new SecureRandom();

  /** A new id with {@code prefix}, e.g. {@code next("rc")}. */
  public String next(String prefix) {
    char[] c = new char[12];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return prefix + "_" + new String(c);
  }
}
