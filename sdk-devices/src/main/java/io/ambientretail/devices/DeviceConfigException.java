package io.ambientretail.devices;

import io.ambientretail.core.AmbientException;

/**
 * A device configuration is invalid: bad YAML/JSON, an unknown driver, a value out of range. The
 * message names the line and field, e.g. {@code "line 7, devices[1].baud: must be 50..4000000"}.
 * Code {@code DEVICE_CONFIG}.
 */
public final class DeviceConfigException extends AmbientException {
  private static final long serialVersionUID = 1L;

  private final int line;

  /** Creates the exception for {@code line} (1-based; 0 when unknown). */
  public DeviceConfigException(int line, String message) {
    super(DeviceErrors.DEVICE_CONFIG, (line > 0 ? "line " + line + ", " : "") + message);
    this.line = line;
  }

  /** The 1-based line of the configuration, or 0 when unknown. */
  public int line() {
    return line;
  }
}
