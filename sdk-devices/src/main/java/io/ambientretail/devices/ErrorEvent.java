package io.ambientretail.devices;

import io.ambientretail.core.DeviceId;
import io.ambientretail.core.ErrorCode;
import java.time.Instant;
import java.util.Objects;

/**
 * A device or its input went wrong: a malformed or overlong frame, a barcode with a bad check
 * digit, a scale reporting an error. Carries a stable code (see {@link DeviceErrors}), a message
 * naming where the input went wrong, the offending bytes shown safely (printable ASCII kept, the
 * rest as {@code <XX>}, truncated) and whether the device carried on.
 *
 * @param device the device
 * @param at when it happened
 * @param code the stable error code
 * @param message what was wrong and where
 * @param raw the offending bytes, escaped and truncated; may be empty
 * @param recovered true when the device carried on (the frame was skipped), false when it stopped
 */
public record ErrorEvent(
    DeviceId device, Instant at, ErrorCode code, String message, String raw, boolean recovered)
    implements DeviceEvent {
  /** Checks for nulls. */
  public ErrorEvent {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(raw, "raw");
  }
}
