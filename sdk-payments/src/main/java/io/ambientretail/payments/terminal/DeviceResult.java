package io.ambientretail.payments.terminal;

import java.util.Objects;

/** The outcome of a display or input on one terminal device. */
public record DeviceResult(String device, String infoQualify, ResponseStatus status) {
  /** Checks the fields are present. */
  public DeviceResult {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(infoQualify, "infoQualify");
    Objects.requireNonNull(status, "status");
  }
}
