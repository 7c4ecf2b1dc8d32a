package io.ambientretail.examples.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.payments.tokenize.CardToken;
import io.ambientretail.payments.tokenize.Tokenizer;
import io.ambientretail.testing.PanLeakScanner;
import io.ambientretail.testing.emv.VirtualEmvCards;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReadCardPrintTokenTest {
  @Test
  void printsBrandMaskedPanAndToken_neverThePan() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Tokenizer tokenizer = Tokenizer.builder().key(1, new byte[16]).build();
    CardToken token =
        ReadCardPrintToken.run(
            VirtualEmvCards.mastercard(VirtualEmvCards.Interface.CONTACT)::process,
            tokenizer,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("MASTERCARD 541333******0011 expires 2030-12 -> token " + token.text());
    // a 16-digit card keeps only its last 4 in the token: keeping BIN 6 too would leave FF1 fewer
    // than 10^6 values
    assertThat(token.digits()).endsWith("0011").doesNotStartWith("541333");
    assertThat(PanLeakScanner.strict().scan(bytes.toByteArray(), "stdout")).isEmpty();
  }

  @Test
  void main_runs() throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      ReadCardPrintToken.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("VISA 476173******0119");
  }
}
