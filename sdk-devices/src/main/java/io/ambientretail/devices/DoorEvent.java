package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import java.time.Instant;
import java.util.Objects;

/**
 * A door lock or gate changed: the bolt was released or thrown, the door sensor saw the door open
 * or close, an alarm was raised (forced open, held open) or the egress (fire release) input
 * changed. Each event carries the door's whole state after the change, so a store that records
 * every event (see {@code DoorLock.Builder.audit}) has an audit trail of the door.
 *
 * @param device the lock
 * @param at when it was received
 * @param change what changed
 * @param boltThrown the bolt is thrown (locked) after the change
 * @param doorOpen the door sensor says open after the change
 * @param egress the egress (fire release) input is active after the change
 * @param detail why, where known (e.g. {@code "unlock for 5 s: staff badge 42"}); may be empty
 */
public record DoorEvent(
    DeviceId device,
    Instant at,
    Change change,
    boolean boltThrown,
    boolean doorOpen,
    boolean egress,
    String detail)
    implements DeviceEvent {
  /** What a door lock reported. */
  public enum Change {
    /** The relay released the bolt (after an unlock command). */
    UNLOCKED,
    /** The relay threw the bolt (timer ran out, lock command, or link lost: fail-secure). */
    LOCKED,
    /** The door sensor reports the door open. */
    OPENED,
    /** The door sensor reports the door closed. */
    CLOSED,
    /** Alarm: the door opened while the bolt was thrown and no unlock or egress allowed it. */
    FORCED_OPEN,
    /** Alarm: the door stayed open longer than allowed after an unlock. */
    HELD_OPEN,
    /**
     * The egress (fire release) input became active: the relay released the bolt and keeps it so.
     */
    EGRESS_ACTIVE,
    /** The egress input is back to normal: the relay threw the bolt again. */
    EGRESS_CLEARED,
    /** The SDK asked the relay to release the bolt (the detail says for how long and why). */
    UNLOCK_REQUESTED,
    /** The SDK asked the relay to throw the bolt. */
    LOCK_REQUESTED
  }

  /** A door event with only the change (state unknown: bolt thrown, door closed, no egress). */
  public DoorEvent(DeviceId device, Instant at, Change change) {
    this(device, at, change, change != Change.UNLOCKED, change == Change.OPENED, false, "");
  }

  /** Checks for nulls. */
  public DoorEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(detail, "detail");
  }
}
