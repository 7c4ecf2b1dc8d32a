package io.ambientretail.payments.gateway;

import io.ambientretail.core.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's answer to one request: {@link Approved}, {@link Declined}, {@link Referral} or
 * {@link Error}. A decline is a result, not an exception; only a lost answer (the gateway could not
 * be reached, or did not answer in time) is an {@link java.io.IOException}.
 *
 * <pre>{@code
 * GatewayOutcome o = gateway.authorise(key, token, hold, "visit-42");
 * if (o instanceof GatewayOutcome.Approved a) {
 *   openDoor(a.transaction(), a.captureBefore());
 * }
 * }</pre>
 */
public sealed interface GatewayOutcome {
  /** True for {@link Approved}. */
  default boolean approved() {
    return this instanceof Approved;
  }

  /**
   * The request was performed.
   *
   * @param transaction the gateway's id for what was done: the authorisation (for authorise,
   *     increment, release and status), the capture, the charge or the refund
   * @param amount the amount the request concerned: the amount now authorised in total (authorise,
   *     increment), captured, released, charged or refunded
   * @param captureBefore for an authorisation, the moment after which it can no longer be captured,
   *     as the gateway said; null when the gateway gave none (then capture promptly)
   * @param replayed true when the gateway answered from its idempotency record of an earlier send
   */
  record Approved(
      TransactionId transaction, Money amount, @Nullable Instant captureBefore, boolean replayed)
      implements GatewayOutcome {
    /** Validates the fields. */
    public Approved {
      Objects.requireNonNull(transaction, "transaction");
      Objects.requireNonNull(amount, "amount");
    }

    /** The capture deadline, when the gateway gave one. */
    public Optional<Instant> deadline() {
      return Optional.ofNullable(captureBefore);
    }
  }

  /**
   * The issuer or acquirer refused the request; nothing was done.
   *
   * @param reason the stable reason code
   * @param message the gateway's text for people (no card data)
   */
  record Declined(DeclineReason reason, String message) implements GatewayOutcome {
    /** Validates the fields. */
    public Declined {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The issuer asks for a voice referral; an unattended store treats it as a decline.
   *
   * @param message the gateway's text for people
   */
  record Referral(String message) implements GatewayOutcome {
    /** Validates the fields. */
    public Referral {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The gateway answered with an error instead of a result.
   *
   * @param retryable true when the same request (same idempotency key) may succeed later, e.g. a
   *     temporary outage; false when it never will, e.g. a malformed request
   * @param code the gateway's error code
   * @param message the gateway's text for people (no card data)
   */
  record Error(boolean retryable, String code, String message) implements GatewayOutcome {
    /** Validates the fields. */
    public Error {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
