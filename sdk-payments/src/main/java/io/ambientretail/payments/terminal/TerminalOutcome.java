package io.ambientretail.payments.terminal;

import io.ambientretail.core.Money;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a terminal did with a request. A decline is an outcome, not an exception; an unknown outcome
 * (no answer) is a {@link TerminalTimeoutException} or {@link TerminalConnectionLostException},
 * resolved with {@link PaymentTerminal#status}.
 */
public sealed interface TerminalOutcome {
  /**
   * Approved: {@code amount} is authorised (or captured, or reversed) under the terminal's {@code
   * transaction}. What the store may keep of the card is the alias and the masked number.
   *
   * @param cardAlias the terminal's stable alias of the card, null when it gave none
   * @param maskedPan e.g. {@code "411111 **** 1111"}, null when it gave none
   */
  record Approved(
      TransactionReference transaction,
      Money amount,
      @Nullable String cardAlias,
      @Nullable String maskedPan)
      implements TerminalOutcome {
    /** Checks the fields are present. */
    public Approved {
      Objects.requireNonNull(transaction, "transaction");
      Objects.requireNonNull(amount, "amount");
    }
  }

  /**
   * Declined: no money moved.
   *
   * @param reason the nexo error condition, e.g. {@code "Refusal"}, {@code "Aborted"}, {@code
   *     "NotFound"} (the terminal never saw the request)
   */
  record Declined(String reason) implements TerminalOutcome {
    /** Checks the reason is present. */
    public Declined {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The terminal cannot serve the request now and a person should look: busy with another sale, out
   * of order, logged out. No money moved.
   *
   * @param condition the nexo error condition, e.g. {@code "Busy"}, {@code "DeviceOut"}
   */
  record NeedsAttention(String condition) implements TerminalOutcome {
    /** Checks the condition is present. */
    public NeedsAttention {
      Objects.requireNonNull(condition, "condition");
    }
  }

  /**
   * Reversed: the terminal released the pre-authorisation or voided the payment.
   *
   * @param reversal the reversal's own transaction id, null when the terminal gave none
   */
  record Reversed(@Nullable TransactionReference reversal) implements TerminalOutcome {}

  /** A status answer: the request asked about has not ended yet; ask again later. */
  record InProgress() implements TerminalOutcome {}
}
