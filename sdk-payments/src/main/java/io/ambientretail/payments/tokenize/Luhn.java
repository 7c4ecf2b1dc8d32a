package io.ambientretail.payments.tokenize;

/** The Luhn (mod 10) weighted sum over digit values; package use. */
final class Luhn {
  private Luhn() {}

  /** The Luhn sum of {@code d[0, n)}: every second digit from the right doubled. */
  static int sum(byte[] d, int n) {
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
  static int weight(int x, int posFromRight) {
    if ((posFromRight & 1) == 0) {
      return x;
    }
    int y = x * 2;
    return y > 9 ? y - 9 : y;
  }
}
