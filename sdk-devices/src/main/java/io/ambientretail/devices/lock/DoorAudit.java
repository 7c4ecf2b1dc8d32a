package io.ambientretail.devices.lock;

import io.ambientretail.devices.DoorEvent;

/**
 * Receives every state change of a door, in order, before it is queued for listeners: bolt released
 * or thrown, door opened or closed, forced-open and held-open alarms, egress input changes, and the
 * unlock and lock commands the SDK sent (with their reason). A store implements it to write a
 * durable audit trail; it is called on the thread that saw the change (the lock's I/O thread, or
 * the caller of {@code unlock}/{@code lock}), so it must be quick. Unlike listeners it sees every
 * change whether or not the lock is enabled, and never loses one to a full queue.
 */
@FunctionalInterface
public interface DoorAudit {
  /** Records one change; an exception is reported as an error event and does not stop the lock. */
  void record(DoorEvent change);
}
