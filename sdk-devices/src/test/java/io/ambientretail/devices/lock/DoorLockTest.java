package io.ambientretail.devices.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceTimeoutException;
import io.ambientretail.devices.DoorEvent;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.transport.ByteLink;
import io.ambientretail.devices.transport.Conditions;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DoorLockTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void unlockAcknowledged_relocksByTimer_doorSensorEvents() throws Exception {
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
        lock.unlock(Duration.ofSeconds(1), WAIT);
        assertThat(sim.isLocked()).isFalse();
        rec.await(DoorEvent.class, e -> e.change() == DoorEvent.Change.UNLOCKED, WAIT);
        sim.door(true);
        rec.await(DoorEvent.class, e -> e.change() == DoorEvent.Change.OPENED, WAIT);
        rec.await(DoorEvent.class, e -> e.change() == DoorEvent.Change.LOCKED, WAIT);
        assertThat(sim.isLocked()).isTrue();
        assertThatThrownBy(() -> lock.unlock(Duration.ofSeconds(61), WAIT))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void noAcknowledgement_timesOutAndReportsError() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    try (DoorLock lock = DoorLock.builder(DeviceId.of("gate-1"), line.hostConnector()).build()) {
      EventRecorder rec = new EventRecorder();
      lock.addListener(rec);
      lock.open();
      lock.claim(WAIT);
      try (LockSimulator sim = LockSimulator.start(line.deviceEnd(WAIT))) {
        sim.silent(true);
        assertThatThrownBy(() -> lock.unlock(Duration.ofSeconds(5), Duration.ofMillis(200)))
            .isInstanceOf(DeviceTimeoutException.class)
            .hasMessageContaining("gate-1");
        rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.LOCK_NO_ACK), WAIT);
        assertThat(sim.isLocked()).isTrue();
      }
    }
  }

  @Test
  void linkLost_lockFailsSecure_andUnlockRefusedWhileDown() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    try (DoorLock lock =
        DoorLock.builder(DeviceId.of("gate-1"), line.hostConnector())
            .heartbeat(Duration.ofMillis(100))
            .build()) {
      lock.open();
      lock.claim(WAIT);
      LockSimulator sim = LockSimulator.start(line.deviceEnd(WAIT), Duration.ofMillis(500));
      lock.unlock(Duration.ofSeconds(30), WAIT);
      assertThat(sim.isLocked()).isFalse();
      line.unplug();
      assertThat(Conditions.await(sim::isLocked, WAIT)).isTrue();
      assertThatThrownBy(() -> lock.unlock(Duration.ofSeconds(5), WAIT))
          .isInstanceOf(IOException.class);
      sim.close();
    }
  }

  @Test
  void noHeartbeat_relayRelocksByItself() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    try (ByteLink host = line.hostConnector().connect();
        LockSimulator sim = LockSimulator.start(line.deviceEnd(WAIT), Duration.ofMillis(300))) {
      host.write("U,30\r\n".getBytes(StandardCharsets.US_ASCII));
      StringBuilder seen = new StringBuilder();
      byte[] buf = new byte[64];
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!seen.toString().contains("B,L") && System.nanoTime() < deadline) {
        int n = host.read(buf, 0, buf.length);
        seen.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
      }
      assertThat(seen.toString()).startsWith("A,U,30\r\nB,U\r\n").contains("B,L");
      assertThat(sim.isLocked()).isTrue();
    }
  }
}
