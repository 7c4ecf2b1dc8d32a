package io.ambientretail.devices.scale;

import io.ambientretail.core.Weight;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact conversion of a scale's decimal weight text and unit to milligrams. */
final class WeightText {
  private WeightText() {}

  /**
   * Parses {@code [+|-]digits[.digits]} in {@code b[from..to)} and converts it from {@code unit} to
   * milligrams; rounds half-even only below a milligram (e.g. 0.1 mg readings, pounds).
   *
   * @return the weight, or null if the text is not a number or the unit unknown
   */
  static @org.jspecify.annotations.Nullable Weight parse(byte[] b, int from, int to, String unit) {
    try {
      return convert(b, from, to, unit);
    } catch (ArithmeticException | io.ambientretail.core.InvalidValueException overflow) {
      return null; // beyond a long of milligrams: reported by the caller as a bad weight
    }
  }

  private static @org.jspecify.annotations.Nullable Weight convert(
      byte[] b, int from, int to, String unit) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int decimals = -1;
    for (; i < to; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        if (++digits > 17) {
          return null;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (decimals >= 0) {
          decimals++;
        }
      } else if (c == '.' && decimals < 0) {
        decimals = 0;
      } else {
        return null;
      }
    }
    if (digits == 0) {
      return null;
    }
    if (decimals < 0) {
      decimals = 0;
    }
    if (negative) {
      mantissa = -mantissa;
    }
    int mgExponent;
    switch (unit) {
      case "mg":
        mgExponent = 0;
        break;
      case "g":
        mgExponent = 3;
        break;
      case "kg":
        mgExponent = 6;
        break;
      case "lb":
        return Weight.ofMilligrams(
            new BigDecimal(mantissa)
                .movePointLeft(decimals)
                .multiply(new BigDecimal("453592.37"))
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact());
      case "oz":
        return Weight.ofMilligrams(
            new BigDecimal(mantissa)
                .movePointLeft(decimals)
                .multiply(new BigDecimal("28349.523125"))
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact());
      default:
        return null;
    }
    int shift = mgExponent - decimals;
    if (shift >= 0) {
      long m = mantissa;
      for (int k = 0; k < shift; k++) {
        m = Math.multiplyExact(m, 10L);
      }
      return Weight.ofMilligrams(m);
    }
    return Weight.ofMilligrams(
        BigDecimal.valueOf(mantissa, -shift).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
  }

  static String unit(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 1 && b[from] == 'g') {
      return "g";
    }
    if (n == 2) {
      int a = b[from] | 0x20;
      int c = b[from + 1] | 0x20;
      if (a == 'k' && c == 'g') {
        return "kg";
      }
      if (a == 'm' && c == 'g') {
        return "mg";
      }
      if (a == 'l' && c == 'b') {
        return "lb";
      }
      if (a == 'o' && c == 'z') {
        return "oz";
      }
    }
    if (n == 1 && (b[from] | 0x20) == 'g') {
      return "g";
    }
    return "";
  }
}
