package io.ambientretail.devices.shelf;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.LaneId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.LaneEvent;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShelfControllerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void lanesCalibratedFromCounts_faultsReported_captureZeroAndSpan() throws Exception {
    LaneCalibration c0 = LaneCalibration.of(8_400, 108_400, Weight.ofGrams(1000));
    LaneCalibration c1 = LaneCalibration.of(-2_000, 48_000, Weight.ofGrams(500));
    InMemoryLine line = InMemoryLine.create("shelf", 65_536, Duration.ofMillis(5));
    try (ShelfController shelf =
        ShelfController.builder(DeviceId.of("shelf-1"), line.hostConnector(), 2)
            .lane(0, LaneId.of("A1"), c0)
            .lane(1, LaneId.of("A2"), c1)
            .build()) {
      EventRecorder rec = new EventRecorder();
      shelf.addListener(rec);
      shelf.open();
      shelf.claim(WAIT);
      shelf.enable();
      try (ShelfSimulator sim = ShelfSimulator.start(line.deviceEnd(WAIT), 50, c0, c1)) {
        sim.setLoad(0, Weight.ofGrams(355));
        sim.setLoad(1, Weight.ofMilligrams(125_500));
        LaneEvent a1 =
            rec.await(
                LaneEvent.class,
                e -> e.lane().value().equals("A1") && e.weight().equals(Weight.ofGrams(355)),
                WAIT);
        assertThat(a1.rawCounts()).isEqualTo(43_900);
        rec.await(
            LaneEvent.class,
            e -> e.lane().value().equals("A2") && e.weight().equals(Weight.ofMilligrams(125_500)),
            WAIT);

        sim.fault(1, "ADC");
        rec.await(
            ErrorEvent.class,
            e -> e.code().equals(DeviceErrors.SHELF_CHANNEL) && e.message().contains("ADC"),
            WAIT);
        sim.sendLine("C,1,2,3*00");
        rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.FRAME_CHECKSUM), WAIT);

        // re-zero lane A1 with 355 g on it: it now reads 0, and +100 g reads 100 g
        shelf.captureZero(0);
        sim.setLoad(0, Weight.ofGrams(455));
        rec.await(
            LaneEvent.class,
            e -> e.lane().value().equals("A1") && e.weight().equals(Weight.ofGrams(100)),
            WAIT);
        assertThat(shelf.calibration(0).zeroCounts()).isEqualTo(43_900);
      }
    }
  }
}
