package io.ambientretail.devices.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.DeviceId;
import io.ambientretail.devices.DoorEvent;
import io.ambientretail.devices.DoorEvent.Change;
import io.ambientretail.devices.transport.Conditions;
import io.ambientretail.devices.transport.EventRecorder;
import io.ambientretail.devices.transport.InMemoryLine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forced-door and held-open alarms, the egress (fire release) input, and the door's audit. */
class DoorAlarmsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static final class Audit implements DoorAudit {
    final List<DoorEvent> changes = new ArrayList<>();

    @Override
    public synchronized void record(DoorEvent change) {
      changes.add(change);
    }

    synchronized List<Change> kinds() {
      return changes.stream().map(DoorEvent::change).toList();
    }

    synchronized List<DoorEvent> all() {
      return List.copyOf(changes);
    }
  }

  private static DoorLock lock(InMemoryLine line, Audit audit) {
    return DoorLock.builder(DeviceId.of("door-1"), line.hostConnector())
        .heartbeat(Duration.ofMillis(100))
        .heldOpenAfter(Duration.ofMillis(300))
        .audit(audit)
        .build();
  }

  @Test
  void doorOpenedWhileLocked_raisesForcedOpen() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    Audit audit = new Audit();
    try (DoorLock lock = lock(line, audit)) {
      EventRecorder rec = new EventRecorder();
      lock.addListener(rec);
      lock.open();
      lock.claim(WAIT);
      lock.enable();
      try (LockSimulator sim = LockSimulator.start(line.deviceEnd(WAIT))) {
        sim.door(true); // nobody unlocked it: a crowbar
        DoorEvent forced = rec.await(DoorEvent.class, e -> e.change() == Change.FORCED_OPEN, WAIT);
        assertThat(forced.boltThrown()).isTrue();
        assertThat(forced.doorOpen()).isTrue();
        sim.door(false);
        rec.await(DoorEvent.class, e -> e.change() == Change.CLOSED, WAIT);
        assertThat(audit.kinds())
            .containsSubsequence(Change.OPENED, Change.FORCED_OPEN, Change.CLOSED);
      }
    }
  }

  @Test
  void doorOpenedAfterUnlock_isNotForcedButHeldOpenIsRaisedOnce() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    Audit audit = new Audit();
    try (DoorLock lock = lock(line, audit)) {
      EventRecorder rec = new EventRecorder();
      lock.addListener(rec);
      lock.open();
      lock.claim(WAIT);
      lock.enable();
      try (LockSimulator sim = LockSimulator.start(line.deviceEnd(WAIT))) {
        lock.unlock(Duration.ofSeconds(5), WAIT, "card tap, session 42");
        rec.await(DoorEvent.class, e -> e.change() == Change.UNLOCKED, WAIT);
        sim.door(true);
        DoorEvent held = rec.await(DoorEvent.class, e -> e.change() == Change.HELD_OPEN, WAIT);
        assertThat(held.detail()).contains("300 ms");
        sim.door(false);
        rec.await(DoorEvent.class, e -> e.change() == Change.CLOSED, WAIT);
        assertThat(audit.kinds()).doesNotContain(Change.FORCED_OPEN);
        assertThat(audit.kinds().stream().filter(c -> c == Change.HELD_OPEN).count()).isEqualTo(1);
        DoorEvent asked = audit.all().get(audit.kinds().indexOf(Change.UNLOCK_REQUESTED));
        assertThat(asked.detail()).isEqualTo("unlock for 5 s: card tap, session 42");
      }
    }
  }

  @Test
  void egressInput_releasesAndKeepsTheDoorReleasedUntilNormal() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    Audit audit = new Audit();
    try (DoorLock lock = lock(line, audit)) {
      EventRecorder rec = new EventRecorder();
      lock.addListener(rec);
      lock.open();
      lock.claim(WAIT);
      lock.enable();
      try (LockSimulator sim = LockSimulator.start(line.deviceEnd(WAIT), Duration.ofMillis(300))) {
        sim.egress(true); // the fire panel releases every door
        DoorEvent e = rec.await(DoorEvent.class, x -> x.change() == Change.EGRESS_ACTIVE, WAIT);
        assertThat(e.egress()).isTrue();
        assertThat(e.boltThrown()).isFalse();
        assertThat(lock.egressActive()).isTrue();
        assertThatThrownBy(() -> lock.lock(WAIT))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("egress");
        sim.door(true); // people leave: not a forced door
        rec.await(DoorEvent.class, x -> x.change() == Change.OPENED, WAIT);
        sim.silent(true); // even with no heartbeat the relay keeps the door released
        assertThat(Conditions.await(() -> sim.isLocked(), Duration.ofMillis(900))).isFalse();
        sim.silent(false);
        sim.door(false);
        sim.egress(false);
        rec.await(DoorEvent.class, x -> x.change() == Change.EGRESS_CLEARED, WAIT);
        rec.await(DoorEvent.class, x -> x.change() == Change.LOCKED && !x.egress(), WAIT);
        assertThat(audit.kinds()).doesNotContain(Change.FORCED_OPEN, Change.HELD_OPEN);
        assertThat(audit.kinds())
            .containsSubsequence(
                Change.EGRESS_ACTIVE,
                Change.OPENED,
                Change.CLOSED,
                Change.EGRESS_CLEARED,
                Change.LOCKED);
      }
    }
  }

  @Test
  void auditSeesChangesWhileNotEnabled_listenersDoNot() throws Exception {
    InMemoryLine line = InMemoryLine.create("lock", 4096, Duration.ofMillis(10));
    Audit audit = new Audit();
    try (DoorLock lock = lock(line, audit)) {
      EventRecorder rec = new EventRecorder();
      lock.addListener(rec);
      lock.open();
      lock.claim(WAIT); // claimed, not enabled: no data events to listeners
      try (LockSimulator sim = LockSimulator.start(line.deviceEnd(WAIT))) {
        sim.door(true);
        assertThat(Conditions.await(() -> audit.kinds().contains(Change.FORCED_OPEN), WAIT))
            .isTrue();
        assertThat(rec.events()).noneMatch(e -> e instanceof DoorEvent);
      }
    }
  }
}
