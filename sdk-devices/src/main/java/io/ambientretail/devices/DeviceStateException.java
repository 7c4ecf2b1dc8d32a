package io.ambientretail.devices;

import io.ambientretail.core.AmbientException;
import io.ambientretail.core.ErrorCode;

/**
 * A lifecycle call came out of order, e.g. {@code enable()} before {@code claim()}: a caller
 * mistake, so unchecked. The message names the call, the state the device is in and the states it
 * needs.
 */
public final class DeviceStateException extends AmbientException {
  private static final long serialVersionUID = 1L;

  /** The code of every lifecycle error. */
  public static final ErrorCode DEVICE_STATE = ErrorCode.of("DEVICE_STATE");

  private final DeviceState state;

  /** Creates the exception for {@code call} made in {@code state}, which needs {@code needed}. */
  public DeviceStateException(String device, String call, DeviceState state, String needed) {
    super(
        DEVICE_STATE,
        device
            + ": "
            + call
            + "() needs the device "
            + needed
            + ", but it is "
            + state.name().toLowerCase(java.util.Locale.ROOT));
    this.state = state;
  }

  /** The state the device was in. */
  public DeviceState state() {
    return state;
  }
}
