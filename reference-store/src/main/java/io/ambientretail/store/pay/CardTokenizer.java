package io.ambientretail.store.pay;

/**
 * Turns a card number into a {@link TokenizedCard}: the store's seam to sdk-payments'
 * tokenization. Implementations are thread-safe and never keep the number.
 */
public interface CardTokenizer {
  /** Tokenizes {@code pan}; the caller wipes it afterwards. */
  TokenizedCard tokenize(CardNumber pan);
}
