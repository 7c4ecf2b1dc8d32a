package io.ambientretail.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void withJitter_eachDelayIsWithinItsDoublingWindow() {
    Backoff b =
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.5, new SplittableRandom(7));
    long base = 100_000_000L;
    for (int i = 0; i < 12; i++) {
      long d = b.nextNanos();
      assertThat(d).isBetween(base / 2, base);
      base = Math.min(5_000_000_000L, base * 2);
    }
  }

  @Test
  void devicesThatLostTheLinkTogether_doNotRetryInStep() {
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();
    Backoff a =
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.5, new SplittableRandom(1));
    Backoff c =
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.5, new SplittableRandom(2));
    for (int i = 0; i < 8; i++) {
      first.add(a.nextNanos());
      second.add(c.nextNanos());
    }
    assertThat(first).isNotEqualTo(second);
    assertThat(first.stream().distinct().count()).isEqualTo(8);
  }

  @Test
  void withoutJitter_doublesExactlyAndResets() {
    Backoff b =
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(350), 0, new SplittableRandom(1));
    assertThat(b.nextNanos()).isEqualTo(100_000_000L);
    assertThat(b.nextNanos()).isEqualTo(200_000_000L);
    assertThat(b.nextNanos()).isEqualTo(350_000_000L);
    assertThat(b.nextNanos()).isEqualTo(350_000_000L);
    b.reset();
    assertThat(b.nextNanos()).isEqualTo(100_000_000L);
  }
}
