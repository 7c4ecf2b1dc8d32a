package io.ambientretail.payments.terminal;

import java.time.Instant;
import java.util.Objects;

/**
 * A transaction id with its timestamp, as nexo writes both the sale system's ({@code
 * SaleTransactionID}) and the terminal's ({@code POITransactionID}). The terminal's is the
 * reference later adjustments, completions and reversals name.
 */
public record TransactionReference(String transactionId, Instant timestamp) {
  /** Checks the fields are present and the id not blank. */
  public TransactionReference {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(timestamp, "timestamp");
    if (transactionId.isBlank()) {
      throw new IllegalArgumentException("transactionId must not be blank");
    }
  }
}
