package io.ambientretail.devices.coldchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.devices.Temperature;
import io.ambientretail.devices.coldchain.ColdChainEngine.State;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdChainEngineTest {
  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
  private static final String SKU = "04006381333931";

  private static final class Recorded implements ColdChainActions {
    final List<String> breaches = new ArrayList<>();
    final List<Disposition> releases = new ArrayList<>();

    @Override
    public void breach(ColdChainRule rule, String reason) {
      breaches.add(rule.zone() + ": " + reason);
    }

    @Override
    public void released(ColdChainRule rule, Disposition disposition) {
      releases.add(disposition);
    }
  }

  private static ColdChainRule fridge() {
    return new ColdChainRule(
        "fridge-1",
        List.of("fridge-1a", "fridge-1b"),
        Temperature.ofFahrenheit(new BigDecimal("41")), // 5 °C
        Duration.ofMinutes(30),
        Duration.ofMinutes(60),
        Duration.ofMinutes(15),
        Duration.ofMinutes(5),
        ColdChainRule.Action.LOCK_DOOR,
        List.of(SKU));
  }

  private static Temperature c(String celsius) {
    return Temperature.ofCelsius(new BigDecimal(celsius));
  }

  @Test
  void limitOf41Fahrenheit_isExactly5Celsius() {
    assertThat(fridge().limit()).isEqualTo(Temperature.ofCentiCelsius(500));
    assertThat(Temperature.ofCentiCelsius(500).fahrenheit()).isEqualByComparingTo("41");
    assertThat(Temperature.ofCentiCelsius(-1800).fahrenheit()).isEqualByComparingTo("-0.4");
  }

  /** Readings every minute from T0 for {@code minutes}, at {@code t}. */
  private static void readEachMinute(
      ColdChainEngine e, String sensor, Temperature t, int from, int minutes) {
    for (int m = from; m <= from + minutes; m++) {
      e.reading(sensor, t, T0.plus(Duration.ofMinutes(m)));
    }
  }

  @Test
  void warmLongerThanTheAllowance_locksOnceAndRefusesItsSkus() {
    Recorded a = new Recorded();
    ColdChainEngine e = new ColdChainEngine(List.of(fridge()), a, Duration.ofMinutes(15), T0);
    readEachMinute(e, "fridge-1a", c("4.0"), 0, 10);
    readEachMinute(e, "fridge-1a", c("7.5"), 11, 29); // 29 minutes warm: within the allowance
    assertThat(e.status().get(0).state()).isEqualTo(State.WARM);
    assertThat(a.breaches).isEmpty();
    assertThat(e.isLocked(SKU)).isFalse();
    readEachMinute(e, "fridge-1a", c("7.5"), 41, 2); // 31 minutes
    assertThat(a.breaches).hasSize(1);
    assertThat(a.breaches.get(0)).contains("above 5.00 °C").contains("allowance 1800 s");
    assertThat(e.isLocked(SKU)).isTrue();
    readEachMinute(e, "fridge-1a", c("8.0"), 44, 5);
    assertThat(a.breaches).hasSize(1); // locked once, not on every reading
  }

  @Test
  void backBelowTheLimitInTime_resetsTheAllowance() {
    Recorded a = new Recorded();
    ColdChainEngine e = new ColdChainEngine(List.of(fridge()), a, Duration.ofMinutes(15), T0);
    readEachMinute(e, "fridge-1a", c("6.0"), 0, 25);
    readEachMinute(e, "fridge-1a", c("4.9"), 26, 2);
    readEachMinute(e, "fridge-1a", c("6.0"), 29, 25);
    assertThat(a.breaches).isEmpty();
    assertThat(e.status().get(0).state()).isEqualTo(State.WARM);
  }

  @Test
  void warmestSensorOfTheZoneCounts() {
    Recorded a = new Recorded();
    ColdChainEngine e = new ColdChainEngine(List.of(fridge()), a, Duration.ofMinutes(15), T0);
    for (int m = 0; m <= 31; m++) {
      e.reading("fridge-1a", c("3.0"), T0.plus(Duration.ofMinutes(m)));
      e.reading("fridge-1b", c("6.0"), T0.plus(Duration.ofMinutes(m)));
    }
    assertThat(a.breaches).hasSize(1);
  }

  @Test
  void restockDoorOpen_givesTheLongerAllowance() {
    Recorded a = new Recorded();
    ColdChainEngine e = new ColdChainEngine(List.of(fridge()), a, Duration.ofMinutes(15), T0);
    e.doorOpened("fridge-1", true, T0);
    readEachMinute(e, "fridge-1a", c("9.0"), 0, 45); // 45 min warm, restocked just before
    assertThat(a.breaches).isEmpty();
    readEachMinute(e, "fridge-1a", c("9.0"), 46, 15);
    assertThat(a.breaches).singleElement().asString().contains("allowance 3600 s (restock)");
    // released, the next warm spell begins long after the restock: the usual 30 minutes
    e.release("fridge-1", Disposition.kept("staff-7", "probe check 4.8 °C"));
    readEachMinute(e, "fridge-1a", c("4.0"), 62, 1);
    readEachMinute(e, "fridge-1a", c("9.0"), 64, 31);
    assertThat(a.breaches).hasSize(2);
    assertThat(a.breaches.get(1)).contains("allowance 1800 s");
  }

  @Test
  void shopperDoorOpen_doesNotExtendTheAllowance() {
    Recorded a = new Recorded();
    ColdChainEngine e = new ColdChainEngine(List.of(fridge()), a, Duration.ofMinutes(15), T0);
    e.doorOpened("fridge-1", false, T0);
    readEachMinute(e, "fridge-1a", c("9.0"), 0, 31);
    assertThat(a.breaches).hasSize(1);
  }

  @Test
  void silentSensor_isABreach() {
    Recorded a = new Recorded();
    ColdChainEngine e = new ColdChainEngine(List.of(fridge()), a, Duration.ofMinutes(15), T0);
    readEachMinute(e, "fridge-1a", c("3.0"), 0, 3);
    e.tick(T0.plus(Duration.ofMinutes(8)));
    assertThat(a.breaches).isEmpty();
    e.tick(T0.plus(Duration.ofMinutes(8).plusSeconds(1)));
    assertThat(a.breaches).singleElement().asString().contains("sensor silent");
  }

  @Test
  void unlock_needsADispositionAndWritesOffWhatWasDiscarded() {
    Recorded a = new Recorded();
    ColdChainEngine e = new ColdChainEngine(List.of(fridge()), a, Duration.ofMinutes(15), T0);
    readEachMinute(e, "fridge-1a", c("9.0"), 0, 31);
    assertThat(e.isLocked(SKU)).isTrue();
    assertThatThrownBy(() -> Disposition.discarded("staff-7", "warm", Map.of()))
        .hasMessageContaining("quantities");
    assertThatThrownBy(() -> Disposition.kept(" ", "ok")).hasMessageContaining("staff");
    assertThatThrownBy(
            () ->
                e.release(
                    "fridge-1", Disposition.discarded("s", "x", Map.of("05012345678900", 1L))))
        .hasMessageContaining("not kept in zone");
    e.release("fridge-1", Disposition.discarded("staff-7", "warm 31 min", Map.of(SKU, 6L)));
    assertThat(a.releases)
        .singleElement()
        .satisfies(d -> assertThat(d.writeOffs()).containsEntry(SKU, 6L));
    assertThat(e.isLocked(SKU)).isFalse();
    assertThatThrownBy(() -> e.release("fridge-1", Disposition.kept("staff-7", "again")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void haccpLog_hasMinAndMaxPerZoneAndInterval_asCsv() {
    ColdChainEngine e =
        new ColdChainEngine(List.of(fridge()), new Recorded(), Duration.ofMinutes(15), T0);
    e.reading("fridge-1a", c("3.5"), T0.plusSeconds(60));
    e.reading("fridge-1b", c("4.25"), T0.plusSeconds(120));
    e.reading("fridge-1a", c("2.0"), T0.plusSeconds(899));
    e.reading("fridge-1a", c("-0.5"), T0.plusSeconds(900));
    assertThat(e.haccpCsv())
        .isEqualTo(
            "zone,from,to,min_c,max_c,readings,limit_c\n"
                + "fridge-1,2026-12-07T08:00:00Z,2026-12-07T08:15:00Z,2.00,4.25,3,5.00\n"
                + "fridge-1,2026-12-07T08:15:00Z,2026-12-07T08:30:00Z,-0.50,-0.50,1,5.00\n");
  }
}
