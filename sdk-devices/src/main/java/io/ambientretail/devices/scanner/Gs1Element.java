package io.ambientretail.devices.scanner;

import io.ambientretail.core.Weight;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One element of a GS1 element string: an application identifier and its value, e.g. AI {@code 17}
 * (expiry, YYMMDD) with {@code 261231}.
 *
 * @param ai the application identifier, 2 to 4 digits
 * @param value the value, without the FNC1/GS separator
 */
public record Gs1Element(String ai, String value) {
  /** Checks for nulls. */
  public Gs1Element {
    Objects.requireNonNull(ai, "ai");
    Objects.requireNonNull(value, "value");
  }

  /**
   * The value of a measure or amount AI with an implied decimal point ({@code 310n}, {@code
   * 392n}...: the last AI digit is the number of decimals), e.g. AI 3103 {@code 001250} is 1.250;
   * null for other AIs and for values that are not digits.
   */
  public @Nullable BigDecimal decimal() {
    if (ai.length() != 4 || ai.charAt(0) != '3') {
      return null;
    }
    int group = (ai.charAt(1) - '0') * 10 + (ai.charAt(2) - '0');
    if (!(group >= 10 && group <= 69 || group >= 90 && group <= 93)) {
      return null; // 394n-399n and others are not a measure or an amount with an implied point
    }
    int decimals = ai.charAt(3) - '0';
    boolean currency = group == 91 || group == 93;
    if (currency && value.length() < 4) {
      return null;
    }
    String digits = currency ? value.substring(3) : value;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return new BigDecimal(digits).movePointLeft(decimals);
  }

  /** The net weight of AI {@code 310n} (kilograms) as an exact weight; null for other AIs. */
  public @Nullable Weight netWeight() {
    if (!ai.startsWith("310")) {
      return null;
    }
    BigDecimal kg = decimal();
    return kg == null ? null : Weight.ofGrams(kg.movePointRight(3), RoundingMode.UNNECESSARY);
  }
}
