package io.ambientretail.inventory.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IntermittentForecastTest {
  static final ForecastEngine MONTHLY = ForecastEngine.forPeriod(ForecastPeriod.MONTH);

  /** A sale of 3 every third month: ADIDA sums buckets of 3 months, 3 each, so 1 a month. */
  @Test
  void adida_regularIntermittentDemand_spreadsTheBucketLevelOverItsPeriods() {
    int[] y = new int[45];
    for (int t = 2; t < y.length; t += 3) {
      y[t] = 3;
    }
    SeriesForecast f = MONTHLY.forecast(ForecastMethod.ADIDA, y, 0, y.length, 6);
    for (double v : f.daily()) {
      assertThat(v).isCloseTo(1.0, within(1e-9));
    }
    SeriesForecast m = MONTHLY.forecast(ForecastMethod.IMAPA, y, 0, y.length, 6);
    assertThat(m.day(0)).isBetween(0.5, 1.5);
  }

  @Test
  void zeroAndMedian_areFlatBaselines() {
    int[] y = {0, 0, 0, 5, 1, 2, 0, 4, 3, 0, 2, 7, 1, 0, 6};
    assertThat(MONTHLY.forecast(ForecastMethod.ZERO, y, 0, y.length, 3).daily())
        .containsExactly(0, 0, 0);
    // The last 12: 5 1 2 0 4 3 0 2 7 1 0 6 -> sorted 0 0 0 1 1 2 2 3 4 5 6 7 -> median 2
    assertThat(MONTHLY.forecast(ForecastMethod.MEDIAN, y, 0, y.length, 2).daily())
        .containsExactly(2, 2);
  }

  /** Demand of about 4 a month that stops 8 months before the end: forecast down, not the past. */
  @Test
  void dyingSeries_isForecastDown_byTheDefaultChoice() {
    Random r = new Random(7);
    int[] y = new int[45];
    for (int t = 0; t < 37; t++) {
      y[t] = r.nextDouble() < 0.7 ? 1 + r.nextInt(6) : 0;
    }
    SeriesForecast f = MONTHLY.forecast(y, 0, y.length, 6);
    SeriesForecast median = MONTHLY.forecast(ForecastMethod.MEDIAN, y, 0, y.length, 6);
    SeriesForecast ses = MONTHLY.forecast(ForecastMethod.SES, y, 0, y.length, 6);
    assertThat(f.day(0)).isLessThan(0.1).isLessThanOrEqualTo(median.day(0));
    assertThat(ses.day(0)).isGreaterThan(f.day(0));
  }

  @Test
  void metric_absoluteErrors_chooseZeroOnSparseDemand_squaredErrorsDoNot() {
    Random r = new Random(11);
    int[] y = new int[45];
    for (int t = 0; t < y.length; t++) {
      y[t] = r.nextDouble() < 0.25 ? 1 + r.nextInt(3) : 0;
    }
    ForecastEngine mase =
        ForecastEngine.builder().period(ForecastPeriod.MONTH).metric(ForecastMetric.MASE).build();
    assertThat(mase.select(y, 0, y.length, 6)).isEqualTo(ForecastMethod.ZERO);
    assertThat(MONTHLY.select(y, 0, y.length, 6)).isNotEqualTo(ForecastMethod.ZERO);
    assertThat(MONTHLY.metric()).isEqualTo(ForecastMetric.RMSSE);
  }

  @Test
  void dailyDefaults_doNotOfferTheIntermittentBaselines() {
    assertThat(ForecastEngine.defaults().candidates())
        .doesNotContain(ForecastMethod.ZERO, ForecastMethod.MEDIAN, ForecastMethod.DYING_MEDIAN);
    assertThat(MONTHLY.candidates())
        .contains(ForecastMethod.ADIDA, ForecastMethod.IMAPA, ForecastMethod.DYING_MEDIAN);
    assertThat(MONTHLY.seasonLength()).isEqualTo(12);
  }
}
