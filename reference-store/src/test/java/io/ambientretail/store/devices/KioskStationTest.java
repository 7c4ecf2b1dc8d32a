package io.ambientretail.store.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.devices.Device;
import io.ambientretail.devices.ScanEvent;
import io.ambientretail.devices.WeightEvent;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.engine.KioskBarcode;
import io.ambientretail.store.sim.ShopperSimulation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kiosk scans travel through the scanner and scale wire protocols into the engine. */
class KioskStationTest {
  @TempDir Path tmp;

  @Test
  void aim_eachCodeShape_readsBackAsTheSameGtin() {
    for (String code : List.of("40123455", "012345678905", "4012345670127", "04012345670127")) {
      String line = KioskStation.aim(code);
      assertThat(line).startsWith("]");
      String data = line.substring(3);
      assertThat(KioskBarcode.parse(data).gtin().digits14())
          .isEqualTo(KioskBarcode.parse(code).gtin().digits14());
    }
    assertThat(KioskStation.aim("0104012345670127310300025017271231"))
        .isEqualTo("]C10104012345670127310300025017271231");
  }

  @Test
  void scan_weighedItem_takesItsWeightFromTheScaleOverMtSics() {
    StoreConfig mm = StoreConfigReader.withDefaults().demo(StoreKind.MICROMARKET);
    try (StoreApp app =
        StoreApp.start(
            new StoreApp.Options(
                mm, tmp.resolve("mm"), null, 0, false, false, ShopperSimulation.Pace.FAST, 1, 1))) {
      List<Object> events = new CopyOnWriteArrayList<>();
      for (Device d : app.devices().registry().devices()) {
        d.addListener(
            e -> {
              if (e instanceof ScanEvent
                  || e instanceof WeightEvent w && w.stable() && w.weight().milligrams() > 0) {
                events.add(e);
              }
            });
      }
      StoreConfig.Lane apple =
          mm.lanes().stream().filter(l -> l.id().equals("D1")).findFirst().orElseThrow();
      StoreConfig.Lane water = mm.lanes().get(0);
      String session = app.engine().kioskStart();
      Map<String, Object> line = app.engine().scan(session, apple.gtin().shortest(), 250L);
      assertThat(line.get("lane")).isEqualTo("D1");
      assertThat(line.get("priceMinor"))
          .isEqualTo(Math.round(250 * apple.pricePerKgMinor() / 1000.0));
      Map<String, Object> unit = app.engine().scan(session, water.gtin().shortest(), null);
      assertThat(unit.get("priceMinor")).isEqualTo(water.priceMinor());
      // listeners hear of device events on the devices' delivery threads: wait for both scans
      Conditions.await(
          () -> events.stream().filter(e -> e instanceof ScanEvent).count() >= 2,
          "two scan events");
      assertThat(events).filteredOn(e -> e instanceof ScanEvent).hasSize(2);
      assertThat(events)
          .filteredOn(e -> e instanceof WeightEvent w && w.weight().milligrams() == 250_000)
          .isNotEmpty();
    }
  }
}
