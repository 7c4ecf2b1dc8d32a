package io.ambientretail.examples.payments;

import io.ambientretail.core.Money;
import io.ambientretail.devices.ApduChannel;
import io.ambientretail.payments.emv.CardRead;
import io.ambientretail.payments.emv.EmvCardReader;
import io.ambientretail.payments.emv.EmvReaderConfig;
import io.ambientretail.payments.tokenize.CardToken;
import io.ambientretail.payments.tokenize.Tokenizer;
import io.ambientretail.testing.emv.VirtualEmvCards;
import java.io.IOException;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Reads an EMV card and prints its brand, masked PAN and token; the full PAN never leaves the
 * {@code Pan} object. Runs against a virtual contactless Visa card; pass any {@code ApduChannel} (a
 * PC/SC reader) to {@link #run} to read a real one.
 */
public final class ReadCardPrintToken {
  private ReadCardPrintToken() {}

  /** Reads the card on {@code channel}, tokenizes it, prints one line and returns the token. */
  public static CardToken run(ApduChannel channel, Tokenizer tokenizer, PrintStream out)
      throws IOException {
    EmvCardReader reader =
        EmvCardReader.create(EmvReaderConfig.builder().amount(Money.parse("1.00 EUR")).build());
    try (CardRead card = reader.read(channel)) { // closing wipes the PAN
      CardToken token = tokenizer.tokenize(card.pan());
      out.println(
          card.brand()
              + " "
              + card.pan().masked()
              + " expires "
              + card.expiry().map(Object::toString).orElse("?")
              + " -> token "
              + token.text());
      return token;
    }
  }

  /** Reads a virtual card with a throwaway key. */
  public static void main(String[] args) throws IOException, GeneralSecurityException {
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    Tokenizer tokenizer = Tokenizer.builder().key(1, key).build();
    run(
        VirtualEmvCards.visa(VirtualEmvCards.Interface.CONTACTLESS)::process,
        tokenizer,
        System.out);
  }
}
