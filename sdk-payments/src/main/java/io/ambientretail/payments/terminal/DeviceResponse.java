package io.ambientretail.payments.terminal;

import java.util.List;
import java.util.Objects;

/**
 * A nexo display or input response: one result per device addressed.
 *
 * @param category {@link MessageCategory#Display} or {@link MessageCategory#Input}
 */
public record DeviceResponse(MessageCategory category, List<DeviceResult> results)
    implements NexoResponse {
  /** Checks the category and copies the results, of which there must be one at least. */
  public DeviceResponse {
    Objects.requireNonNull(category, "category");
    results = List.copyOf(results);
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a device response needs at least one result");
    }
  }

  /** The first device's status. */
  @Override
  public ResponseStatus status() {
    return results.get(0).status();
  }
}
