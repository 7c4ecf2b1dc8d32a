package io.ambientretail.devices;

/** How a device is doing, as a registry reports it. Only {@link #ONLINE} is healthy. */
public enum DeviceHealth {
  /** Not claimed: the SDK is not talking to it. */
  IDLE,
  /** Connected and answering. */
  ONLINE,
  /**
   * Connected, but the device stopped answering: no reading, acknowledgement or reply within its
   * expected interval (a scale that stopped streaming, a lock that no longer acknowledges the
   * heartbeat). The port is open, so this is what "the port is open" alone would call healthy.
   */
  UNRESPONSIVE,
  /** Claimed but the transport is not connected (never was, or lost). */
  OFFLINE,
  /** The transport was lost and the SDK is reconnecting with backoff. */
  RECONNECTING,
  /** The device failed in a way reconnecting cannot fix (bad configuration, missing driver). */
  FAILED
}
