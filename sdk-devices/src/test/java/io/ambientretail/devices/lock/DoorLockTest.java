package io.ambientretail.devices.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.DeviceErrors;
import io.ambientretail.devices.DeviceTimeoutException;
import io.ambientretail.devices.DoorEvent;
import io.ambientretail.devices.ErrorEvent;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class DoorLockTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static boolean eventually(java.util.function.BooleanSupplier c, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(5_000_000);
    }
    return true;
  }

  @Test
  void unlockAcknowledged_relocksByTimer_doorSensorEvents() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    try (DoorLock lock = DoorLock.builder(DeviceId.of("gate-1"), line.hostConnector())
        .heartbeat(Duration.ofMillis(100)).build()) {
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
            .isInstanceOf(DeviceTimeoutException.class).hasMessageContaining("gate-1");
        rec.await(ErrorEvent.class, e -> e.code().equals(DeviceErrors.LOCK_NO_ACK), WAIT);
        assertThat(sim.isLocked()).isTrue();
      }
    }
  }

  @Test
  void linkLost_lockFailsSecure_andUnlockRefusedWhileDown() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    try (DoorLock lock = DoorLock.builder(DeviceId.of("gate-1"), line.hostConnector())
        .heartbeat(Duration.ofMillis(100)).build()) {
      lock.open();
      lock.claim(WAIT);
      LockSimulator sim = LockSimulator.start(line.deviceEnd(WAIT), Duration.ofMillis(500));
      lock.unlock(Duration.ofSeconds(30), WAIT);
      assertThat(sim.isLocked()).isFalse();
      line.unplug();
      assertThat(eventually(sim::isLocked, WAIT)).isTrue();
      assertThatThrownBy(() -> lock.unlock(Duration.ofSeconds(5), WAIT))
          .isInstanceOf(IOException.class);
      sim.close();
    }
  }

  @Test
  void heartbeatStops_relayRelocksByItself() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    LockSimulator sim;
    try (DoorLock lock = DoorLock.builder(DeviceId.of("gate-1"), line.hostConnector())
        .heartbeat(Duration.ofMillis(100)).build()) {
      lock.open();
      lock.claim(WAIT);
      sim = LockSimulator.start(line.deviceEnd(WAIT), Duration.ofMillis(400));
      lock.unlock(Duration.ofSeconds(30), WAIT);
      assertThat(eventually(() -> false, Duration.ofMillis(600))).isFalse();
      assertThat(sim.isLocked()).as("heartbeat keeps the unlock alive").isFalse();
      sim.silent(false);
    }
    // the host is gone but the in-memory session was closed too: locked either way
    assertThat(eventually(sim::isLocked, WAIT)).isTrue();
    sim.close();
  }
}
