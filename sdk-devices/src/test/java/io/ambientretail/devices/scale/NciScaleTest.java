package io.ambientretail.devices.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.WeightEvent;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NciScaleTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void polledWeightsMotionAndOverCapacity() throws Exception {
    InMemoryLine line = InMemoryLine.create("nci");
    try (NciScale scale =
        NciScale.builder(DeviceId.of("scale-2"), line.hostConnector())
            .pollInterval(Duration.ofMillis(20))
            .build()) {
      EventRecorder rec = new EventRecorder();
      scale.addListener(rec);
      scale.open();
      scale.claim(WAIT);
      scale.enable();
      NciSimulator sim = NciSimulator.start(line.deviceEnd(WAIT));
      sim.setWeight(Weight.ofMilligrams(1_250_000), false);
      sim.setWeight(Weight.ofMilligrams(1_250_000), false);
      sim.setWeight(Weight.ofGrams(1250), false);
      WeightEvent w = rec.await(WeightEvent.class, e -> e.weight().milligrams() > 0, WAIT);
      assertThat(w.weight()).isEqualTo(Weight.ofGrams(1250));
      assertThat(w.unit()).isEqualTo("kg");
      assertThat(w.stable()).isTrue();
      sim.overCapacity();
      rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.OVERLOAD, WAIT);
      sim.setWeight(Weight.ofGrams(2), false);
      rec.await(WeightEvent.class, e -> e.weight().equals(Weight.ofGrams(2)), WAIT);
      sim.close();
    }
  }

  @Test
  void simulatorStatusBits_becomeUnderloadMotionAndFaultEvents() throws Exception {
    InMemoryLine line = InMemoryLine.create("nci-bits");
    try (NciScale scale =
        NciScale.builder(DeviceId.of("scale-3"), line.hostConnector())
            .pollInterval(Duration.ofMillis(20))
            .build()) {
      EventRecorder rec = new EventRecorder();
      scale.addListener(rec);
      scale.open();
      scale.claim(WAIT);
      scale.enable();
      try (NciSimulator sim = NciSimulator.start(line.deviceEnd(WAIT))) {
        sim.setWeight(Weight.ofGrams(500), true);
        WeightEvent moving =
            rec.await(WeightEvent.class, e -> e.weight().equals(Weight.ofGrams(500)), WAIT);
        assertThat(moving.stable()).isFalse();
        sim.underCapacity();
        rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.UNDERLOAD, WAIT);
        sim.setWeight(Weight.ofGrams(600), false);
        rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.IN_RANGE, WAIT);
        sim.setFaults(0, 8);
        ErrorEvent cal =
            rec.await(ErrorEvent.class, e -> e.message().contains("faulty calibration"), WAIT);
        assertThat(cal.code()).isEqualTo(DeviceErrors.SCALE_ERROR);
        sim.setFaults(0, 0);
        sim.setThirdStatusByte(0b1000);
        rec.await(ErrorEvent.class, e -> e.message().contains("initial zero error"), WAIT);
      }
    }
  }
}
