package io.ambientretail.payments.terminal.internal;

import io.ambientretail.payments.internal.Luhn;

/**
 * Finds whole card numbers in text: a maximal run of 13 to 19 ASCII digits (spaces and dashes
 * between digits allowed) that passes the Luhn check, the rule PCI data-discovery tools and the
 * SDK's leak scanner use. Longer runs (timestamps, counters) are not windowed. The writer refuses
 * such text and the reader refuses it where only a masked number belongs.
 */
public final class CardNumbers {
  private CardNumbers() {}

  /** True when {@code s} holds a Luhn-valid run of 13 to 19 digits. */
  public static boolean containsCardNumber(CharSequence s) {
    StringBuilder run = new StringBuilder();
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : 'x';
      if (c >= '0' && c <= '9') {
        run.append(c);
      } else if ((c == ' ' || c == '-') && run.length() > 0) {
        continue;
      } else {
        if (hasValidWindow(run)) {
          return true;
        }
        run.setLength(0);
      }
    }
    return false;
  }

  private static boolean hasValidWindow(CharSequence run) {
    return run.length() >= 13 && run.length() <= 19 && Luhn.isValid(run);
  }
}
