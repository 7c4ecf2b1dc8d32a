package io.ambientretail.payments.gateway;

import io.ambientretail.core.Money;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway knows about one authorisation: how much is held, captured and released, and
 * until when it can be captured.
 *
 * @param transaction the authorisation's id
 * @param state where the authorisation stands
 * @param authorised the amount authorised in total (after increments)
 * @param captured the amount captured so far
 * @param captureBefore the capture deadline the gateway gave, or null
 */
public record AuthorisationStatus(
    TransactionId transaction,
    State state,
    Money authorised,
    Money captured,
    @Nullable Instant captureBefore) {

  /** Where an authorisation stands. */
  public enum State {
    /** Held and capturable. */
    AUTHORISED,
    /** Captured (in full or in part, with no more captures allowed). */
    CAPTURED,
    /** Released (voided) without capture. */
    RELEASED,
    /** Past its capture deadline without capture. */
    EXPIRED
  }

  /** Validates the fields. */
  public AuthorisationStatus {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(authorised, "authorised");
    Objects.requireNonNull(captured, "captured");
  }
}
