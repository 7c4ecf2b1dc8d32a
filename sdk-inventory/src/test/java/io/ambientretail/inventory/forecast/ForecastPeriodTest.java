package io.ambientretail.inventory.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ForecastPeriodTest {
  @Test
  void week_parsesAndFormatsIsoWeeks_acrossYearEnds() {
    assertThat(ForecastPeriod.WEEK.parse("2026-W01")).isEqualTo(LocalDate.of(2025, 12, 29));
    assertThat(ForecastPeriod.WEEK.parse("2026-W53")).isEqualTo(LocalDate.of(2026, 12, 28));
    assertThat(ForecastPeriod.WEEK.format(LocalDate.of(2027, 1, 3))).isEqualTo("2026-W53");
    assertThat(ForecastPeriod.WEEK.format(LocalDate.of(2025, 12, 29))).isEqualTo("2026-W01");
    assertThat(ForecastPeriod.WEEK.between(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 5)))
        .isEqualTo(1);
  }

  @Test
  void week_thatTheYearLacks_orOtherShapes_areRefused() {
    assertThatThrownBy(() -> ForecastPeriod.WEEK.parse("2025-W53"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ForecastPeriod.WEEK.parse("2025-W00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ForecastPeriod.WEEK.parse("2025-12-01"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void month_parsesFormatsAndCounts() {
    assertThat(ForecastPeriod.MONTH.parse("1998-01")).isEqualTo(LocalDate.of(1998, 1, 1));
    assertThat(ForecastPeriod.MONTH.format(LocalDate.of(2002, 3, 31))).isEqualTo("2002-03");
    assertThat(ForecastPeriod.MONTH.plus(LocalDate.of(1998, 1, 1), 50))
        .isEqualTo(LocalDate.of(2002, 3, 1));
    assertThatThrownBy(() -> ForecastPeriod.MONTH.parse("2026-13"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ForecastPeriod.MONTH.parse("2026-01-01"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ForecastPeriod.ofId("Month")).isEqualTo(ForecastPeriod.MONTH);
  }
}
