package io.ambientretail.store.sim;

import io.ambientretail.store.pay.CardNumber;
import java.util.Random;

/**
 * Makes virtual cards for simulated shoppers: 16-digit numbers on test BINs with a valid Luhn
 * check digit. They exist only in memory, handed to the store's entry reader.
 */
final class TestCards {
  private static final String[] BINS = {"476173", "541333", "222300", "401200"};

  private TestCards() {}

  static CardNumber next(Random random) {
    char[] d = new char[16];
    String bin = BINS[random.nextInt(BINS.length)];
    for (int i = 0; i < 6; i++) {
      d[i] = bin.charAt(i);
    }
    for (int i = 6; i < 15; i++) {
      d[i] = (char) ('0' + random.nextInt(10));
    }
    int sum = 0;
    for (int i = 14, k = 0; i >= 0; i--, k++) {
      int v = d[i] - '0';
      if (k % 2 == 0) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
    }
    d[15] = (char) ('0' + (10 - sum % 10) % 10);
    CardNumber c = CardNumber.of(d);
    java.util.Arrays.fill(d, '0');
    return c;
  }
}
