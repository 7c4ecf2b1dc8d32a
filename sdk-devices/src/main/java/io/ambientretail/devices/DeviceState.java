package io.ambientretail.devices;

/**
 * The UnifiedPOS lifecycle state of a device: {@code open -> claim -> enable -> disable -> release
 * -> close}.
 */
public enum DeviceState {
  /** Not opened, or closed: no resources held. */
  CLOSED,
  /** Opened: configured, listeners may be added, the port not yet in use. */
  OPENED,
  /** Claimed: the port is ours; status and error events flow, data events do not. */
  CLAIMED,
  /** Enabled: data events flow as well. */
  ENABLED
}
