package io.ambientretail.devices.scanner;

import io.ambientretail.core.Weight;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a national convention lays out restricted-circulation EAN-13 codes with an embedded price or
 * weight (GS1 prefixes 20-29, and 02 and 04; the GS1 General Specifications leave the layout to
 * each GS1 Member Organisation): which prefixes it covers, and a 13-character layout of {@code P}
 * (prefix), {@code I} (item reference), {@code V} (the value), {@code X} (a digit that is read but
 * not used, such as a price check digit) and {@code C} (the check digit).
 *
 * <pre>{@code
 * // prefixes 21-22: 5-digit item, 5-digit price in cents
 * EmbeddedCodeRule.price("21-22", "PPIIIIIVVVVVC", Currency.getInstance("EUR"));
 * // prefix 28: 5-digit item, weight in grams
 * EmbeddedCodeRule.weight("28", "PPIIIIIVVVVVC", Weight.ofGrams(1));
 * }</pre>
 *
 * <p>Immutable.
 */
public final class EmbeddedCodeRule {
  private final int firstPrefix;
  private final int lastPrefix;
  private final String layout;
  private final int valueStart;
  private final int valueEnd;
  private final @Nullable Currency currency;
  private final long minorPerUnit;
  private final @Nullable Weight weightPerUnit;

  private EmbeddedCodeRule(
      String prefixes,
      String layout,
      @Nullable Currency currency,
      long minorPerUnit,
      @Nullable Weight weightPerUnit) {
    Objects.requireNonNull(prefixes, "prefixes");
    Objects.requireNonNull(layout, "layout");
    String[] range = prefixes.trim().split("-", -1);
    if (range.length > 2
        || !range[0].matches("\\d\\d")
        || range.length == 2 && !range[1].matches("\\d\\d")) {
      throw new IllegalArgumentException(
          "prefixes must be two digits or a range such as 20-29, was '" + prefixes + "'");
    }
    this.firstPrefix = Integer.parseInt(range[0]);
    this.lastPrefix = range.length == 2 ? Integer.parseInt(range[1]) : firstPrefix;
    for (int p = firstPrefix; p <= lastPrefix; p++) {
      if (!(p >= 20 && p <= 29 || p == 2 || p == 4)) {
        throw new IllegalArgumentException(
            "embedded price or weight codes use prefixes 20-29 (or 02, 04), not " + prefixes);
      }
    }
    if (lastPrefix < firstPrefix) {
      throw new IllegalArgumentException("prefix range " + prefixes + " is empty");
    }
    if (layout.length() != 13
        || !layout.startsWith("PP")
        || layout.charAt(12) != 'C'
        || !layout.substring(2, 12).matches("[IVX]*")
        || !layout.substring(2, 12).matches("[^V]*V+[^V]*")) {
      throw new IllegalArgumentException(
          "layout must be 13 characters: PP, then I, V (one run) and X, then C; was '"
              + layout
              + "'");
    }
    this.layout = layout;
    this.valueStart = layout.indexOf('V');
    this.valueEnd = layout.lastIndexOf('V') + 1;
    this.currency = currency;
    this.minorPerUnit = minorPerUnit;
    this.weightPerUnit = weightPerUnit;
  }

  /**
   * Codes with a price: each unit of the value is one minor unit of {@code currency} (cents).
   *
   * @param prefixes two digits ({@code "28"}) or a range ({@code "20-29"}), within 20-29, 02, 04
   * @param layout 13 characters of P, I, V, X and C (see the class description)
   * @throws IllegalArgumentException if the prefixes or the layout are not valid
   */
  public static EmbeddedCodeRule price(String prefixes, String layout, Currency currency) {
    return new EmbeddedCodeRule(prefixes, layout, Objects.requireNonNull(currency), 1, null);
  }

  /**
   * Codes with a weight: each unit of the value weighs {@code perUnit} (e.g. 1 g, or 10 g).
   *
   * @throws IllegalArgumentException if the prefixes or the layout are not valid, or perUnit is not
   *     positive
   */
  public static EmbeddedCodeRule weight(String prefixes, String layout, Weight perUnit) {
    Objects.requireNonNull(perUnit, "perUnit");
    if (perUnit.milligrams() <= 0) {
      throw new IllegalArgumentException("perUnit must be positive, was " + perUnit);
    }
    return new EmbeddedCodeRule(prefixes, layout, null, 0, perUnit);
  }

  /** True when this rule covers the GTIN-13 {@code digits}. */
  boolean covers(String digits13) {
    int p = (digits13.charAt(0) - '0') * 10 + (digits13.charAt(1) - '0');
    return p >= firstPrefix && p <= lastPrefix;
  }

  /** Reads a code this rule covers. */
  EmbeddedValue read(String digits13) {
    long value = 0;
    for (int i = valueStart; i < valueEnd; i++) {
      value = value * 10 + (digits13.charAt(i) - '0');
    }
    char[] item = digits13.toCharArray();
    for (int i = 2; i < 12; i++) {
      if (layout.charAt(i) != 'I') {
        item[i] = '0';
      }
    }
    String base = new String(item, 0, 12);
    String itemCode = base + ScanParser.checkDigitOf(base);
    io.ambientretail.core.Gtin gtin = io.ambientretail.core.Gtin.parse(itemCode);
    if (currency != null) {
      return new EmbeddedValue(
          gtin,
          io.ambientretail.core.Money.ofMinor(Math.multiplyExact(value, minorPerUnit), currency),
          null);
    }
    return new EmbeddedValue(
        gtin, null, Weight.ofMilligrams(Math.multiplyExact(value, weightPerUnit.milligrams())));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "EmbeddedCodeRule[%02d-%02d %s %s]",
        firstPrefix,
        lastPrefix,
        layout,
        currency != null ? "price " + currency : "weight " + weightPerUnit);
  }
}
