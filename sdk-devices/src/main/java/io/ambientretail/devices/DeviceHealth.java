package io.ambientretail.devices;

/** How a device is doing, as a registry reports it. */
public enum DeviceHealth {
  /** Not claimed: the SDK is not talking to it. */
  IDLE,
  /** Connected and answering. */
  ONLINE,
  /** Claimed but the transport is not connected (never was, or lost). */
  OFFLINE,
  /** The transport was lost and the SDK is reconnecting with backoff. */
  RECONNECTING,
  /** The device failed in a way reconnecting cannot fix (bad configuration, missing driver). */
  FAILED
}
