package io.ambientretail.payments.terminal;

/** The nexo message class: a service dialogue, a device request, or an event. */
public enum MessageClass {
  /** A service (payment, reversal, status...). */
  Service,
  /** A device request (display, input). */
  Device,
  /** An event notification. */
  Event
}
