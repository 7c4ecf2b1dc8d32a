package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import java.time.Instant;
import java.util.Objects;

/**
 * A door lock or gate changed: the bolt was released or thrown, or the door sensor saw the door
 * open or close.
 *
 * @param device the lock
 * @param at when it was received
 * @param change what changed
 */
public record DoorEvent(DeviceId device, Instant at, Change change) implements DeviceEvent {
  /** What a door lock reported. */
  public enum Change {
    /** The relay released the bolt (after an unlock command). */
    UNLOCKED,
    /** The relay threw the bolt (timer ran out, lock command, or link lost: fail-secure). */
    LOCKED,
    /** The door sensor reports the door open. */
    OPENED,
    /** The door sensor reports the door closed. */
    CLOSED
  }

  /** Checks for nulls. */
  public DoorEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(change, "change");
  }
}
