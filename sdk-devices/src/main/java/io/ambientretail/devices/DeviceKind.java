package io.ambientretail.devices;

/** The kind of a device, as in UnifiedPOS device categories. */
public enum DeviceKind {
  /** A barcode scanner. */
  SCANNER,
  /** A weighing scale. */
  SCALE,
  /** A shelf controller with an array of load cells, one per lane. */
  SHELF,
  /** A contact or contactless smartcard reader. */
  CARD_READER,
  /** A door lock or gate relay with a door sensor. */
  LOCK,
  /** Temperature sensors of fridge and freezer controllers (e.g. on a Modbus line). */
  TEMPERATURE
}
