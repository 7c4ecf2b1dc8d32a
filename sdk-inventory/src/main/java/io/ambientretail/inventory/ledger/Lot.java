package io.ambientretail.inventory.ledger;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A production lot of a SKU with its expiry date; stock of fresh food is held and sold by lot,
 * first expiry first out.
 *
 * @param code the lot or batch code (GS1 AI 10), 1 to 20 characters
 * @param expiry the last day the lot may be sold
 */
public record Lot(String code, LocalDate expiry) implements Comparable<Lot> {
  /** A GS1 expiry date (AI 17) that is not six digits or not a date. */
  public static final ErrorCode GS1_DATE = ErrorCode.of("GS1_DATE");

  /** Checks the code. */
  public Lot {
    Objects.requireNonNull(expiry, "expiry");
    if (code.isEmpty() || code.length() > 20) {
      throw new IllegalArgumentException("lot code must be 1..20 characters");
    }
  }

  /**
   * A lot from GS1 element strings as scanned: AI 10 (the lot code) and AI 17 (expiry, {@code
   * YYMMDD}; day {@code 00} means the last day of the month). The century follows GS1 General
   * Specifications 7.12: the year is taken within 49 years before and 50 after {@code today}.
   *
   * @throws AmbientException with code {@code GS1_DATE} if the date is not six digits or invalid
   */
  public static Lot fromGs1(String ai10, String ai17, LocalDate today) {
    if (ai17.length() != 6 || !ai17.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new AmbientException(
          GS1_DATE,
          "AI 17 must be six digits YYMMDD, was '"
              + (ai17.length() > 12 ? ai17.substring(0, 12) + "..." : ai17)
              + "'");
    }
    int yy = Integer.parseInt(ai17.substring(0, 2));
    int mm = Integer.parseInt(ai17.substring(2, 4));
    int dd = Integer.parseInt(ai17.substring(4, 6));
    int current = today.getYear() % 100;
    int diff = yy - current;
    int century = today.getYear() - current;
    if (diff >= 51) {
      century -= 100;
    } else if (diff <= -50) {
      century += 100;
    }
    int year = century + yy;
    try {
      YearMonth ym = YearMonth.of(year, mm);
      LocalDate date = dd == 0 ? ym.atEndOfMonth() : ym.atDay(dd);
      return new Lot(ai10, date);
    } catch (java.time.DateTimeException e) {
      throw new AmbientException(GS1_DATE, "AI 17 '" + ai17 + "' is not a date: " + e.getMessage());
    }
  }

  /** Orders by expiry, then code: the order in which lots are used up. */
  @Override
  public int compareTo(Lot o) {
    int c = expiry.compareTo(o.expiry);
    return c != 0 ? c : code.compareTo(o.code);
  }
}
