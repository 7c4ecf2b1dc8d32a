package io.ambientretail.payments.terminal;

import io.ambientretail.core.Money;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A nexo payment response. It never holds a card number: the terminal sends only a masked one (the
 * reader refuses a {@code MaskedPan} that is a whole card number) and the card alias.
 *
 * @param poiTransaction the terminal's transaction id, null when the terminal assigned none
 * @param saleTransaction the sale system's id echoed back, null when absent
 * @param authorisedAmount null when nothing was authorised
 * @param maskedPan e.g. {@code "411111 **** 1111"}, null when no card was read
 * @param paymentBrand e.g. {@code "mc"}, null when no card was read
 * @param cardAlias the terminal's alias of the card (the {@code alias} of the additional response),
 *     stable across visits; null when absent
 */
public record PaymentResponse(
    ResponseStatus status,
    @Nullable TransactionReference poiTransaction,
    @Nullable TransactionReference saleTransaction,
    @Nullable Money authorisedAmount,
    @Nullable String maskedPan,
    @Nullable String paymentBrand,
    @Nullable String cardAlias)
    implements NexoResponse {
  /** Checks the status is present. */
  public PaymentResponse {
    Objects.requireNonNull(status, "status");
  }
}
