package io.ambientretail.store.engine;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import io.ambientretail.core.Gtin;
import io.ambientretail.core.InvalidValueException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A code scanned at the kiosk: a plain GTIN (8, 12, 13 or 14 digits) or a GS1 element string with
 * AI (01) GTIN, (3103) net weight in kg with three decimals, (17) expiry date YYMMDD and (10) batch
 * (FNC1 / GS separated). At most {@value #MAX_LENGTH} characters. Errors name the offset.
 */
public record KioskBarcode(Gtin gtin, Optional<Long> weightGrams, Optional<LocalDate> expiry) {
  /** The longest code accepted. */
  public static final int MAX_LENGTH = 128;

  /** Error code of a code that cannot be read. */
  public static final ErrorCode CODE = ErrorCode.of("KIOSK_BARCODE");

  private static final char GS = '\u001d';

  /** Parses a scanned code. */
  public static KioskBarcode parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw fail(MAX_LENGTH, "longer than " + MAX_LENGTH + " characters");
    }
    String s = text.startsWith("]C1") || text.startsWith("]e0") ? text.substring(3) : text;
    int base = text.length() - s.length();
    if (s.chars().allMatch(ch -> ch >= '0' && ch <= '9') && s.length() <= 14) {
      try {
        return new KioskBarcode(Gtin.parse(s), Optional.empty(), Optional.empty());
      } catch (InvalidValueException e) {
        throw fail(base, e.getMessage());
      }
    }
    Gtin gtin = null;
    Long grams = null;
    LocalDate expiry = null;
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) == GS) {
        i++;
        continue;
      }
      if (s.startsWith("01", i)) {
        String v = fixed(s, i + 2, 14, base);
        try {
          gtin = Gtin.parse(v);
        } catch (InvalidValueException e) {
          throw fail(base + i + 2, "AI (01): " + e.getMessage());
        }
        i += 16;
      } else if (s.startsWith("3103", i)) {
        grams = Long.parseLong(fixed(s, i + 4, 6, base));
        i += 10;
      } else if (s.startsWith("17", i)) {
        String v = fixed(s, i + 2, 6, base);
        try {
          int dd = Integer.parseInt(v.substring(4));
          LocalDate first =
              LocalDate.of(
                  2000 + Integer.parseInt(v.substring(0, 2)),
                  Integer.parseInt(v.substring(2, 4)),
                  1);
          expiry = dd == 0 ? first.withDayOfMonth(first.lengthOfMonth()) : first.withDayOfMonth(dd);
        } catch (java.time.DateTimeException | NumberFormatException e) {
          throw fail(base + i + 2, "AI (17): not a date YYMMDD");
        }
        i += 8;
      } else if (s.startsWith("10", i)) {
        int end = s.indexOf(GS, i + 2);
        end = end < 0 ? s.length() : end;
        if (end - (i + 2) > 20 || end == i + 2) {
          throw fail(base + i + 2, "AI (10): batch must be 1 to 20 characters");
        }
        i = end;
      } else {
        throw fail(base + i, "unsupported or malformed application identifier");
      }
    }
    if (gtin == null) {
      throw fail(base, "no GTIN (AI 01) in the code");
    }
    return new KioskBarcode(gtin, Optional.ofNullable(grams), Optional.ofNullable(expiry));
  }

  private static String fixed(String s, int from, int len, int base) {
    if (from + len > s.length()) {
      throw fail(base + from, "expected " + len + " digits, the code ends");
    }
    for (int k = from; k < from + len; k++) {
      if (s.charAt(k) < '0' || s.charAt(k) > '9') {
        throw fail(base + k, "expected a digit");
      }
    }
    return s.substring(from, from + len);
  }

  private static AmbientException fail(int offset, String why) {
    return new InvalidValueException(CODE, "barcode at offset " + offset + ": " + why, offset);
  }
}
