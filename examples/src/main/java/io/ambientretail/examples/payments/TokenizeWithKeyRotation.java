package io.ambientretail.examples.payments;

import io.ambientretail.payments.tokenize.CardToken;
import io.ambientretail.payments.tokenize.Pan;
import io.ambientretail.payments.tokenize.TokenPolicy;
import io.ambientretail.payments.tokenize.Tokenizer;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Tokenizes a card number under key version 1, rotates to version 2, and shows that the old token
 * still detokenizes while new tokens use the new key. Only the "refunds" service may detokenize.
 */
public final class TokenizeWithKeyRotation {
  private TokenizeWithKeyRotation() {}

  /** Runs the example and prints what happens; returns the old and the new token. */
  public static CardToken[] run(PrintStream out) throws GeneralSecurityException {
    HexFormat hex = HexFormat.of();
    byte[] v1 = hex.parseHex("00112233445566778899AABBCCDDEEFF"); // from your key store
    byte[] v2 = hex.parseHex("0F1E2D3C4B5A69788796A5B4C3D2E1F0");
    TokenPolicy policy =
        TokenPolicy.builder().keepBin(6).keepLast4(true).luhn(TokenPolicy.Luhn.INVALID).build();
    Tokenizer before = Tokenizer.builder().key(1, v1).policy(policy).build();
    Tokenizer after =
        Tokenizer.builder()
            .key(1, v1)
            .key(2, v2)
            .currentKeyVersion(2)
            .policy(policy)
            .detokenizePolicy((who, why) -> who.equals("refunds"))
            .build();

    try (Pan pan = Pan.parse("5413330089020011")) { // a published test card
      CardToken old = before.tokenize(pan);
      CardToken fresh = after.tokenize(pan);
      out.println(
          "card " + pan + ": token " + old.text() + " before rotation, " + fresh.text() + " after");
      try (Pan back = after.detokenize(old, "refunds", "refund of receipt R-1001")) {
        out.println("old token detokenizes to " + back + ": " + back.equals(pan));
      }
      return new CardToken[] {old, fresh};
    }
  }

  /** Runs the example. */
  public static void main(String[] args) throws GeneralSecurityException {
    run(System.out);
  }
}
