package io.ambientretail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  @Test
  void movesOnlyWhenTold_andZonedViewsFollow() {
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    var paris = clock.withZone(ZoneId.of("Europe/Paris"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    clock.advance(Duration.ofMinutes(90));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2026-11-27T11:30:00Z").toEpochMilli());
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }
}
