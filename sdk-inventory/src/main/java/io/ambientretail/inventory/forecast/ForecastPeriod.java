package io.ambientretail.inventory.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The grain of a demand series: days, ISO weeks (Monday to Sunday) or calendar months, with the
 * column name and label format sales files and forecast lines use for it ({@code date} as {@code
 * 2026-12-01}, {@code week} as {@code 2026-W49}, {@code month} as {@code 2026-12}).
 *
 * <p>A period is identified by its first day. Each period has its season: the weekday within the
 * week for days (7), the week of the year for weeks (52), the month of the year for months (12).
 */
public enum ForecastPeriod {
  /** One calendar day. */
  DAY("day", "date", 7),
  /** One ISO-8601 week, Monday to Sunday. */
  WEEK("week", "week", 52),
  /** One calendar month. */
  MONTH("month", "month", 12);

  private static final Pattern WEEK_LABEL = Pattern.compile("\\d{4}-W\\d{2}");
  private static final Pattern MONTH_LABEL = Pattern.compile("\\d{4}-\\d{2}");

  private final String id;
  private final String column;
  private final int seasonLength;

  ForecastPeriod(String id, String column, int seasonLength) {
    this.id = id;
    this.column = column;
    this.seasonLength = seasonLength;
  }

  /** The id on the command line: {@code day}, {@code week} or {@code month}. */
  public String id() {
    return id;
  }

  /** The name of the column holding the period in sales files and forecast lines. */
  public String column() {
    return column;
  }

  /** Periods in one season: 7 days in a week, 52 weeks in a year, 12 months in a year. */
  public int seasonLength() {
    return seasonLength;
  }

  /** The format a label of this period has, for error messages. */
  public String labelFormat() {
    return switch (this) {
      case DAY -> "an ISO date (YYYY-MM-DD)";
      case WEEK -> "an ISO week (YYYY-Www)";
      case MONTH -> "a month (YYYY-MM)";
    };
  }

  /**
   * The first day of the period a label names.
   *
   * @throws IllegalArgumentException if the label is not in this period's format
   */
  public LocalDate parse(String label) {
    try {
      return switch (this) {
        case DAY -> LocalDate.parse(label);
        case WEEK -> {
          if (!WEEK_LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException(label);
          }
          int year = Integer.parseInt(label.substring(0, 4));
          int week = Integer.parseInt(label.substring(6));
          LocalDate mid = LocalDate.of(year, 6, 1);
          if (week < 1 || week > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            throw new IllegalArgumentException(label);
          }
          yield mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
        }
        case MONTH -> {
          if (!MONTH_LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException(label);
          }
          yield YearMonth.parse(label).atDay(1);
        }
      };
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(label, e);
    }
  }

  /** The label of the period that starts on (or contains) {@code day}. */
  public String format(LocalDate day) {
    return switch (this) {
      case DAY -> day.toString();
      case WEEK ->
          String.format(
              Locale.ROOT,
              "%04d-W%02d",
              day.get(IsoFields.WEEK_BASED_YEAR),
              day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> YearMonth.from(day).toString();
    };
  }

  /** The first day of the period containing {@code day}. */
  public LocalDate startOf(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(DayOfWeek.MONDAY);
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** The first day of the period {@code n} periods after the one starting on {@code start}. */
  public LocalDate plus(LocalDate start, long n) {
    return switch (this) {
      case DAY -> start.plusDays(n);
      case WEEK -> start.plusWeeks(n);
      case MONTH -> start.plusMonths(n);
    };
  }

  /** Whole periods from the one containing {@code from} to the one containing {@code to}. */
  public long between(LocalDate from, LocalDate to) {
    LocalDate a = startOf(from);
    LocalDate b = startOf(to);
    return switch (this) {
      case DAY -> ChronoUnit.DAYS.between(a, b);
      case WEEK -> ChronoUnit.WEEKS.between(a, b);
      case MONTH -> ChronoUnit.MONTHS.between(a, b);
    };
  }

  /** The most days one period can have: 1, 7 or 31. */
  public int maxDays() {
    return switch (this) {
      case DAY -> 1;
      case WEEK -> 7;
      case MONTH -> 31;
    };
  }

  /** The fewest days one period can have: 1, 7 or 28. */
  public int minDays() {
    return switch (this) {
      case DAY -> 1;
      case WEEK -> 7;
      case MONTH -> 28;
    };
  }

  /**
   * The period with the given id, ignoring case.
   *
   * @throws IllegalArgumentException if no period has that id
   */
  public static ForecastPeriod ofId(String id) {
    String want = id.toLowerCase(Locale.ROOT);
    for (ForecastPeriod p : values()) {
      if (p.id.equals(want)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown period '" + id + "' (day, week or month)");
  }
}
