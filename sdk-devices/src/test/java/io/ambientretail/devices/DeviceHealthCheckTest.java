package io.ambientretail.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.lock.DoorLock;
import io.ambientretail.devices.lock.LockSimulator;
import io.ambientretail.devices.scale.MtSicsScale;
import io.ambientretail.devices.scale.MtSicsSimulator;
import io.ambientretail.devices.scale.NciScale;
import io.ambientretail.devices.scale.NciSimulator;
import io.ambientretail.devices.scanner.BarcodeScanner;
import io.ambientretail.devices.transport.Conditions;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import io.ambientretail.devices.transport.SerialConnector;
import io.ambientretail.devices.transport.SerialSettings;
import io.ambientretail.devices.transport.SocatPair;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health is more than "the port is open": a device that stays connected but stops answering is
 * UNRESPONSIVE, found by itself and by an EXTERNAL health check.
 */
class DeviceHealthCheckTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir Path dir;

  @Test
  void mtSicsScaleThatGoesSilentOverSerial_isUnresponsiveThenBack() throws Exception {
    try (SocatPair pair = SocatPair.start(dir);
        MtSicsScale scale =
            MtSicsScale.builder(
                    DeviceId.of("scale-1"),
                    SerialConnector.of(SerialSettings.builder(pair.hostPath()).build()))
                .silenceLimit(Duration.ofMillis(600))
                .build()) {
      EventRecorder rec = new EventRecorder();
      scale.addListener(rec);
      MtSicsSimulator sim =
          MtSicsSimulator.start(
              SerialConnector.of(SerialSettings.builder(pair.devicePath()).build()).connect(),
              Duration.ofMillis(50));
      sim.setWeight(Weight.ofGrams(100), true);
      scale.open();
      scale.claim(WAIT);
      scale.enable();
      rec.await(WeightEvent.class, e -> true, WAIT);
      HealthReport ok = scale.checkHealth(HealthCheckLevel.EXTERNAL, Duration.ofSeconds(2));
      assertThat(ok.healthy()).as(ok.detail()).isTrue();
      assertThat(ok.detail()).contains("serial number");

      sim.silent(true); // the port stays open, the balance stops answering
      rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.UNRESPONSIVE, WAIT);
      assertThat(scale.health()).isEqualTo(DeviceHealth.UNRESPONSIVE);
      HealthReport internal = scale.checkHealth(HealthCheckLevel.INTERNAL, WAIT);
      assertThat(internal.healthy()).isFalse();
      assertThat(internal.detail()).contains("not answering");
      HealthReport external = scale.checkHealth(HealthCheckLevel.EXTERNAL, Duration.ofMillis(300));
      assertThat(external.healthy()).isFalse();
      assertThat(external.detail()).contains("I4");
      assertThat(scale.statistics().lastError()).isNotNull();

      sim.silent(false);
      rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.RESPONSIVE, WAIT);
      assertThat(scale.health()).isEqualTo(DeviceHealth.ONLINE);
      sim.close();
    }
  }

  @Test
  void nciScaleThatStopsAnsweringPolls_isUnresponsive() throws Exception {
    InMemoryLine line = InMemoryLine.create("nci", 4096, Duration.ofMillis(10));
    try (NciScale scale =
        NciScale.builder(DeviceId.of("nci-1"), line.hostConnector())
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      EventRecorder rec = new EventRecorder();
      scale.addListener(rec);
      scale.open();
      scale.claim(WAIT);
      scale.enable();
      try (NciSimulator sim = NciSimulator.start(line.deviceEnd(WAIT))) {
        rec.await(WeightEvent.class, e -> true, WAIT);
        assertThat(scale.checkHealth(HealthCheckLevel.EXTERNAL, WAIT).healthy()).isTrue();
        sim.silent(true);
        rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.UNRESPONSIVE, WAIT);
        assertThat(scale.health()).isEqualTo(DeviceHealth.UNRESPONSIVE);
      }
    }
  }

  @Test
  void lockWhoseHeartbeatIsNeverAcknowledged_isUnresponsive() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    try (DoorLock lock =
        DoorLock.builder(DeviceId.of("gate-1"), line.hostConnector())
            .heartbeat(Duration.ofMillis(100))
            .build()) {
      EventRecorder rec = new EventRecorder();
      lock.addListener(rec);
      lock.open();
      lock.claim(WAIT);
      lock.enable();
      try (LockSimulator sim = LockSimulator.start(line.deviceEnd(WAIT))) {
        HealthReport ok = lock.checkHealth(HealthCheckLevel.EXTERNAL, WAIT);
        assertThat(ok.healthy()).as(ok.detail()).isTrue();
        // acknowledged heartbeats keep it healthy well past the silence limit (3 beats + 0.5 s)
        long reads = lock.statistics().reads();
        assertThat(Conditions.await(() -> lock.statistics().reads() >= reads + 10, WAIT)).isTrue();
        assertThat(lock.health()).isEqualTo(DeviceHealth.ONLINE);

        sim.silent(true); // connected, hears every heartbeat, acknowledges none
        StatusEvent s =
            rec.await(StatusEvent.class, e -> e.status() == StatusEvent.Status.UNRESPONSIVE, WAIT);
        assertThat(s.health()).isEqualTo(DeviceHealth.UNRESPONSIVE);
        rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.DEVICE_UNRESPONSIVE), WAIT);
        assertThat(lock.checkHealth(HealthCheckLevel.EXTERNAL, Duration.ofMillis(200)).healthy())
            .isFalse();
      }
    }
  }

  @Test
  void scanner_offersNoExternalOrInteractiveCheck() throws Exception {
    InMemoryLine line = InMemoryLine.create("scan", 4096, Duration.ofMillis(10));
    try (BarcodeScanner scanner =
        BarcodeScanner.builder(DeviceId.of("scanner-1"), line.hostConnector()).build()) {
      scanner.open();
      scanner.claim(WAIT);
      HealthReport internal = scanner.checkHealth(HealthCheckLevel.INTERNAL, WAIT);
      assertThat(internal.healthy()).isTrue();
      HealthReport external = scanner.checkHealth(HealthCheckLevel.EXTERNAL, WAIT);
      assertThat(external.supported()).isFalse();
      assertThat(external.healthy()).isFalse();
      assertThat(scanner.checkHealth(HealthCheckLevel.INTERACTIVE, WAIT).supported()).isFalse();
    }
  }
}
