package io.ambientretail.core;

import io.ambientretail.core.internal.IdText;

/**
 * The id of a device in a store's device registry: 1 to 64 letters, digits, '.', '_', ':' or '-'.
 *
 * <p>A distinct type per kind of id, so one cannot be passed where another is expected.
 *
 * @param value the id text
 */
public record DeviceId(String value) implements Comparable<DeviceId> {
  /** Validates the id text. */
  public DeviceId {
    IdText.check("device id", value);
  }

  /** The id with the given text. */
  public static DeviceId of(String value) {
    return new DeviceId(value);
  }

  @Override
  public int compareTo(DeviceId o) {
    return value.compareTo(o.value);
  }

  /** The id text. */
  @Override
  public String toString() {
    return value;
  }
}
