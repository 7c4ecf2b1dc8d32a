package io.ambientretail.devices.transport;

/** Serial parity. */
public enum Parity {
  /** No parity bit. */
  NONE,
  /** Odd parity. */
  ODD,
  /** Even parity. */
  EVEN,
  /** Mark parity (always 1). */
  MARK,
  /** Space parity (always 0). */
  SPACE
}
