package io.ambientretail.payments.terminal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Response} element of a nexo response.
 *
 * @param errorCondition e.g. {@code "Refusal"}, {@code "Aborted"}, {@code "Busy"}; null on success
 * @param additionalResponse the terminal's URL-encoded extra data, null when absent
 */
public record ResponseStatus(
    NexoResult result, @Nullable String errorCondition, @Nullable String additionalResponse) {
  /** Checks the result is present. */
  public ResponseStatus {
    Objects.requireNonNull(result, "result");
  }

  /** A success without extra data. */
  public static ResponseStatus success() {
    return new ResponseStatus(NexoResult.Success, null, null);
  }

  /** A failure with {@code errorCondition}. */
  public static ResponseStatus failure(String errorCondition) {
    return new ResponseStatus(NexoResult.Failure, errorCondition, null);
  }
}
