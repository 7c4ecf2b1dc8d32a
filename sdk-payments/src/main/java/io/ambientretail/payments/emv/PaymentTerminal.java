package io.ambientretail.payments.emv;

import io.ambientretail.core.Money;
import java.io.IOException;
import java.time.Duration;

/**
 * The seam between the store and whatever reads the shopper's card: our {@link EmvCardReader} on a
 * PC/SC reader ({@link ReaderPaymentTerminal}), or a certified semi-integrated payment terminal
 * whose vendor SDK performs the EMV transaction and hands back the card data it may share.
 *
 * <p>Plug a certified terminal in by implementing this interface over the vendor's SDK; the walk-
 * out session and tokenization only see {@link CardRead}. Implementations document their own thread
 * safety.
 */
public interface PaymentTerminal {
  /**
   * Waits up to {@code timeout} for a card and reads it for a transaction of {@code amount}. The
   * caller closes the result.
   *
   * @throws java.io.InterruptedIOException if no card came in time
   * @throws IOException if the reader or card failed
   * @throws EmvException if the card's data cannot be read
   */
  CardRead readCard(Money amount, Duration timeout) throws IOException;
}
