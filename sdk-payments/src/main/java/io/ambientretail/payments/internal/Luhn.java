package io.ambientretail.payments.internal;

/** The Luhn (mod 10) check, the one implementation the tokenizer, {@code Pan} and tokens share. */
public final class Luhn {
  private Luhn() {}

  /** The Luhn sum of {@code d[0, n)}: every second digit from the right doubled. */
  public static int sum(byte[] d, int n) {
    int sum = 0;
    boolean dbl = false;
    for (int i = n - 1; i >= 0; i--) {
      int x = d[i];
      if (dbl) {
        x *= 2;
        if (x > 9) {
          x -= 9;
        }
      }
      sum += x;
      dbl = !dbl;
    }
    return sum;
  }

  /** The contribution of digit {@code x} at {@code posFromRight} (0 = rightmost). */
  public static int weight(int x, int posFromRight) {
    if ((posFromRight & 1) == 0) {
      return x;
    }
    int y = x * 2;
    return y > 9 ? y - 9 : y;
  }

  /**
   * True when {@code s} is all ASCII digits and passes the Luhn check (false for any other char).
   */
  public static boolean isValid(CharSequence s) {
    int sum = 0;
    for (int i = s.length() - 1, pos = 0; i >= 0; i--, pos++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      sum += weight(d, pos);
    }
    return sum % 10 == 0;
  }
}
