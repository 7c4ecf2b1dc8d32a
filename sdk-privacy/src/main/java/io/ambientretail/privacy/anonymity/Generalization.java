package io.ambientretail.privacy.anonymity;

import io.ambientretail.privacy.PrivacyException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Objects;

/**
 * A generalisation hierarchy for one quasi-identifier: level 0 keeps the value, each higher level
 * is coarser, and the last level is {@code "*"} (the value suppressed). This is ARX's "hierarchy"
 * concept, for the few kinds of value a store exports: time, place and age.
 *
 * <p>Implementations are immutable and thread-safe; {@link #apply} fails with a {@link
 * PrivacyException} naming the value when it cannot be read.
 */
public interface Generalization {
  /** The number of levels, including level 0 (exact) and the last ({@code "*"}). */
  int levels();

  /** The value generalised to {@code level} (0 = unchanged, {@code levels() - 1} = "*"). */
  String apply(String value, int level);

  /**
   * Time of an event, an ISO-8601 instant, in the store's zone: hour, 4-hour block, day, ISO week,
   * month, then "*".
   */
  static Generalization timeOfDay(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return new Generalization() {
      @Override
      public int levels() {
        return 6;
      }

      @Override
      public String apply(String value, int level) {
        if (level >= 5) {
          return "*";
        }
        ZonedDateTime t;
        try {
          t = Instant.parse(value).atZone(zone);
        } catch (DateTimeException e) {
          throw new PrivacyException(
              PrivacyException.K_ANONYMITY,
              "time value is not an ISO-8601 instant: '" + abbreviate(value) + "'");
        }
        String day =
            String.format(
                Locale.ROOT, "%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        switch (level) {
          case 0:
            return day + "T" + String.format(Locale.ROOT, "%02d", t.getHour());
          case 1:
            int from = t.getHour() / 4 * 4;
            return day + "T" + String.format(Locale.ROOT, "%02d-%02d", from, from + 4);
          case 2:
            return day;
          case 3:
            return String.format(
                Locale.ROOT,
                "%04d-W%02d",
                t.get(IsoFields.WEEK_BASED_YEAR),
                t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
          default:
            return String.format(Locale.ROOT, "%04d-%02d", t.getYear(), t.getMonthValue());
        }
      }
    };
  }

  /**
   * A place as a path from coarse to fine, such as {@code EU/DE/Berlin/S001}: each level drops the
   * finest part, the last is "*". {@code depth} is the number of parts every value has.
   */
  static Generalization placePath(int depth) {
    if (depth < 1 || depth > 16) {
      throw new IllegalArgumentException("place depth must be 1 to 16");
    }
    return new Generalization() {
      @Override
      public int levels() {
        return depth + 1;
      }

      @Override
      public String apply(String value, int level) {
        String[] parts = value.split("/", -1);
        if (parts.length != depth) {
          throw new PrivacyException(
              PrivacyException.K_ANONYMITY,
              "place '"
                  + abbreviate(value)
                  + "' has "
                  + parts.length
                  + " parts, expected "
                  + depth);
        }
        if (level >= depth) {
          return "*";
        }
        return String.join("/", java.util.Arrays.copyOf(parts, depth - level));
      }
    };
  }

  /** An age in whole years: exact, 5-year band, 10-year band, 20-year band, then "*". */
  static Generalization ageBands() {
    return new Generalization() {
      private final int[] widths = {1, 5, 10, 20};

      @Override
      public int levels() {
        return 5;
      }

      @Override
      public String apply(String value, int level) {
        if (level >= 4) {
          return "*";
        }
        int age;
        try {
          age = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          age = -1;
        }
        if (age < 0 || age > 150) {
          throw new PrivacyException(
              PrivacyException.K_ANONYMITY,
              "age '" + abbreviate(value) + "' is not a whole number of years from 0 to 150");
        }
        int w = widths[level];
        if (w == 1) {
          return Integer.toString(age);
        }
        int lo = age / w * w;
        return lo + "-" + (lo + w - 1);
      }
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
