package io.ambientretail.devices.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceHealth;
import io.ambientretail.devices.DeviceOptions;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.StatusEvent;
import io.ambientretail.devices.WeightEvent;
import io.ambientretail.devices.transport.ByteLink;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import io.ambientretail.devices.transport.SocatPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An MT-SICS scale over a socat pseudo-terminal, unplugged and plugged back in. */
class MtSicsScaleTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir Path dir;

  private static ByteLink far(SocatPair pair) throws Exception {
    return SerialConnector.of(SerialSettings.builder(pair.devicePath()).build()).connect();
  }

  @Test
  void streamZeroTareOverloadAndReplug() throws Exception {
    try (SocatPair pair = SocatPair.start(dir);
        MtSicsScale scale =
            MtSicsScale.builder(
                    DeviceId.of("scale-1"),
                    SerialConnector.of(SerialSettings.builder(pair.hostPath()).build()))
                .options(
                    DeviceOptions.builder()
                        .backoff(Duration.ofMillis(50), Duration.ofMillis(400))
                        .build())
                .build()) {
      EventRecorder rec = new EventRecorder();
      scale.addListener(rec);
      MtSicsSimulator sim = MtSicsSimulator.start(far(pair), Duration.ofMillis(20));
      sim.setWeight(Weight.ofMilligrams(100_250), true);
      scale.open();
      scale.claim(WAIT);
      scale.enable();
      WeightEvent w = rec.await(WeightEvent.class, e -> e.stable(), WAIT);
      assertThat(w.weight()).isEqualTo(Weight.ofMilligrams(100_250));
      assertThat(w.unit()).isEqualTo("g");

      assertThat(scale.identify(WAIT).texts()).containsExactly("AMBIENT-SIM", "6200.00 g");
      assertThat(scale.tare(WAIT).weight()).isEqualTo(Weight.ofMilligrams(100_250));
      rec.await(WeightEvent.class, e -> e.weight().equals(Weight.ZERO), WAIT);

      sim.overload();
      rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.OVERLOAD, WAIT);
      sim.setWeight(Weight.ofGrams(300), false);
      rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.IN_RANGE, WAIT);
      rec.await(WeightEvent.class, e -> !e.stable(), WAIT);
      // S asks for a stable weight: a moving scale answers S I (and the SIR stream is restarted)
      MtSicsResponse moving = scale.weigh(WAIT);
      assertThat(moving.status()).isEqualTo('I');
      assertThat(moving.weight()).isNull();
      sim.setWeight(Weight.ofGrams(300), true);
      assertThat(scale.weigh(WAIT).weight()).isEqualTo(Weight.ofMilligrams(199_750)); // net of tare

      sim.sendLine("EL");
      rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.SCALE_ERROR), WAIT);

      sim.close();
      pair.kill();
      StatusEvent lost =
          rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.DISCONNECTED, WAIT);
      assertThat(lost.gap()).isNull();
      // the cable stays out for at least 300 ms (the scenario, not a synchronisation)
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
      pair.start();
      MtSicsSimulator again = MtSicsSimulator.start(far(pair), Duration.ofMillis(20));
      again.setWeight(Weight.ofGrams(42), true);
      WeightEvent back =
          rec.await(WeightEvent.class, e -> e.weight().equals(Weight.ofGrams(42)), WAIT);
      assertThat(back.stable()).isTrue();
      StatusEvent reconnected =
          rec.await(
              StatusEvent.class,
              e -> e.status() == StatusEvent.Status.CONNECTED && e.gap() != null,
              WAIT);
      assertThat(reconnected.gap())
          .isEqualTo(Duration.between(lost.at(), reconnected.at()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(scale.health()).isEqualTo(DeviceHealth.ONLINE);
      again.close();
    }
  }
}
