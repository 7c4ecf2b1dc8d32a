package io.ambientretail.inventory.replenish.internal;

import io.ambientretail.inventory.forecast.ForecastPeriod;
import io.ambientretail.inventory.forecast.SeriesForecast;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A forecast per period (day, week or month) read as demand over spans of days: lead times, review
 * periods and shelf lives are in days, so a span covering part of a week or month takes that part
 * of its forecast, in proportion to the days covered (a month's demand spread evenly over its
 * days). For daily forecasts this is the plain sum of the days. Immutable.
 */
public final class DemandOverDays {
  private final SeriesForecast forecast;
  private final ForecastPeriod period;
  private final LocalDate first;

  /**
   * Reads {@code forecast}, whose period 0 starts on {@code first}.
   *
   * @param first the first day of the first forecast period
   */
  public DemandOverDays(SeriesForecast forecast, ForecastPeriod period, LocalDate first) {
    this.forecast = forecast;
    this.period = period;
    this.first = first;
  }

  /**
   * The number of forecast periods needed to cover every day up to {@code end} (exclusive), from
   * the period starting on {@code first}.
   */
  public static int periodsToCover(ForecastPeriod period, LocalDate first, LocalDate end) {
    return (int) Math.max(1, period.between(first, end.minusDays(1)) + 1);
  }

  /**
   * Expected units over the {@code days} days starting on {@code from}; days before the first
   * forecast period count nothing, days past the horizon are an error.
   *
   * @throws IndexOutOfBoundsException if the span reaches past the forecast horizon
   */
  public double sum(LocalDate from, int days) {
    if (days <= 0) {
      return 0;
    }
    LocalDate end = from.plusDays(days);
    LocalDate a = from.isBefore(first) ? first : from;
    double total = 0;
    long k = period.between(first, a);
    while (a.isBefore(end)) {
      LocalDate next = period.plus(first, k + 1);
      LocalDate b = next.isBefore(end) ? next : end;
      long len = ChronoUnit.DAYS.between(period.plus(first, k), next);
      total += forecast.day((int) k) * ChronoUnit.DAYS.between(a, b) / len;
      a = b;
      k++;
    }
    return total;
  }

  /**
   * The standard deviation of the one-period-ahead errors scaled to a span of {@code days} days
   * (errors independent from period to period: sd x sqrt(periods spanned)).
   */
  public double errorSd(int days) {
    long len = ChronoUnit.DAYS.between(first, period.plus(first, 1));
    return forecast.errorSd() * Math.sqrt(days / (double) len);
  }
}
