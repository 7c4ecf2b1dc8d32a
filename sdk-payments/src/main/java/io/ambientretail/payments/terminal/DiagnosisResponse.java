package io.ambientretail.payments.terminal;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A nexo diagnosis response: the terminal's health.
 *
 * @param globalStatus e.g. {@code "OK"}, {@code "Busy"}, {@code "Maintenance"}; null when absent
 */
public record DiagnosisResponse(
    ResponseStatus status, @Nullable String globalStatus, List<String> loggedSaleIds)
    implements NexoResponse {
  /** Checks the status is present and copies the list. */
  public DiagnosisResponse {
    Objects.requireNonNull(status, "status");
    loggedSaleIds = List.copyOf(loggedSaleIds);
  }
}
