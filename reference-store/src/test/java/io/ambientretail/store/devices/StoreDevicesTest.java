package io.ambientretail.store.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.engine.DeviceHealth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's devices through sdk-devices: shelf controllers, kiosk devices, health. */
class StoreDevicesTest {
  @TempDir Path tmp;

  private final StoreConfig walkout = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
  private final Map<String, Long> seen = new ConcurrentHashMap<>();
  private final List<String> notes = new ArrayList<>();

  @Test
  void laneLoad_reachesTheStoreThroughTheShelfControllerProtocol() {
    try (StoreDevices d = start(walkout, StoreDevices.Transport.MEMORY)) {
      assertThat(d.registry().devices())
          .extracting(x -> x.id().value())
          .contains("shelf-A", "door-1", "exit-gate-1")
          .doesNotContain("entry-reader-1");
      StoreConfig.Lane a1 = walkout.lanes().get(0);
      long start = 10L * a1.unitGrams() * 1000;
      Conditions.await(() -> near(seen.get(a1.id()), start), "first reading of " + a1.id());
      long after = 9L * a1.unitGrams() * 1000 + 1_234;
      d.setLaneLoad(a1.id(), after);
      Conditions.await(() -> near(seen.get(a1.id()), after), "reading after a pick");
    }
  }

  @Test
  void unpluggedShelf_isOfflineInTheHealthAndBackAfterPlug() {
    try (StoreDevices d = start(walkout, StoreDevices.Transport.MEMORY)) {
      DeviceHealth health = new DeviceHealth(walkout.devices(), Clock.systemUTC(), 3000);
      health.attach(d::online);
      Conditions.await(() -> Boolean.TRUE.equals(d.online().get("shelf-B")), "shelf-B online");
      assertThat(health.sample()).doesNotContain("shelf-B");
      d.unplug("shelf-B");
      Conditions.await(() -> Boolean.FALSE.equals(d.online().get("shelf-B")), "shelf-B offline");
      assertThat(health.sample()).contains("shelf-B").doesNotContain("shelf-A");
      d.plug("shelf-B");
      Conditions.await(() -> Boolean.TRUE.equals(d.online().get("shelf-B")), "shelf-B back online");
      StoreConfig.Lane b1 = walkout.shelves().get(1).lanes().get(0);
      seen.remove(b1.id());
      d.setLaneLoad(b1.id(), 3L * b1.unitGrams() * 1000);
      Conditions.await(
          () -> near(seen.get(b1.id()), 3L * b1.unitGrams() * 1000), "readings resumed");
    }
  }

  @Test
  void micromarket_hasKioskScannerAndScaleSimulators() {
    StoreConfig mm = StoreConfigReader.withDefaults().demo(StoreKind.MICROMARKET);
    try (StoreDevices d = start(mm, StoreDevices.Transport.MEMORY)) {
      assertThat(d.scanner()).isNotNull();
      assertThat(d.scale()).isNotNull();
      Conditions.await(() -> Boolean.TRUE.equals(d.online().get("kiosk-scale-1")), "scale online");
    }
  }

  @Test
  void pseudoTerminals_carryShelfReadingsThroughJSerialComm() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
    try (StoreDevices d = start(walkout, StoreDevices.Transport.PSEUDO_TERMINALS)) {
      assertThat(d.transport()).isEqualTo(StoreDevices.Transport.PSEUDO_TERMINALS);
      StoreConfig.Lane a2 = walkout.lanes().get(1);
      long load = 7L * a2.unitGrams() * 1000;
      d.setLaneLoad(a2.id(), load);
      Conditions.await(() -> near(seen.get(a2.id()), load), "reading over the pseudo-terminal");
    }
  }

  private StoreDevices start(StoreConfig config, StoreDevices.Transport t) {
    Map<String, Integer> units = new java.util.HashMap<>();
    config.lanes().forEach(l -> units.put(l.id(), 10));
    return StoreDevices.start(
        config, StoreDevices.loadsOf(config, units), t, seen::put, notes::add, tmp.resolve("pty"));
  }

  /** Within one count of the simulated calibration (10 mg). */
  private static boolean near(Long got, long want) {
    return got != null && Math.abs(got - want) <= 10;
  }
}
