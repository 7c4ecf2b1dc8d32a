package io.ambientretail.examples.core;

import io.ambientretail.core.Gtin;
import io.ambientretail.core.InvalidValueException;
import io.ambientretail.core.Money;
import java.io.PrintStream;
import java.util.List;

/**
 * Prices a scanned basket and splits the total between payers by ratio without losing a cent.
 *
 * <p>Run: {@code java -cp ... io.ambientretail.examples.core.SplitTheBill 5012345678900
 * 4006381333931}
 */
public final class SplitTheBill {
  private SplitTheBill() {}

  /** Prints each valid GTIN with a unit price, the total, and a 1:1:1 split. */
  public static void main(String[] args) {
    run(args, System.out);
  }

  static Money run(String[] barcodes, PrintStream out) {
    Money unitPrice = Money.parse("3.35 EUR");
    Money total = Money.zero(unitPrice.currency());
    for (String code : barcodes) {
      try {
        Gtin gtin = Gtin.parse(code);
        total = total.plus(unitPrice);
        out.println(gtin + "  " + unitPrice);
      } catch (InvalidValueException e) {
        out.println("skipped " + code + ": " + e.getMessage());
      }
    }
    List<Money> shares = total.allocate(1, 1, 1);
    out.println("total " + total + ", three payers: " + shares);
    return total;
  }
}
