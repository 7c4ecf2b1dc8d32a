package io.ambientretail.payments.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.payments.internal.Luhn;
import io.ambientretail.payments.tokenize.CardToken;
import io.ambientretail.payments.tokenize.Pan;
import io.ambientretail.payments.tokenize.TokenPolicy;
import io.ambientretail.payments.tokenize.Tokenizer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PaymentTokenTest {
  /** A well-known test card number (Visa's), Luhn-valid. */
  private static final String PAN = "4111111111111111";

  @Test
  void of_luhnValidCardToken_isCarriedByItsTokenForm() {
    CardToken token = CardToken.of(3, PAN); // digits indistinguishable from a card number
    assertThat(Luhn.isValid(token.digits())).isTrue();
    PaymentToken carried = PaymentToken.of(token);
    assertThat(carried.reveal()).isEqualTo("v3:" + PAN);
    assertThat(carried.cardToken()).contains(token);
    assertThat(carried.toString()).doesNotContain(PAN);
    // the journal and the offline queue read it back from its text
    assertThat(PaymentToken.of(carried.reveal())).isEqualTo(carried);
  }

  @Test
  void of_luhnValidTokenFromTokenizer_passes() throws Exception {
    Tokenizer tokenizer =
        Tokenizer.builder()
            .key(1, HexFormat.of().parseHex("2B7E151628AED2A6ABF7158809CF4F3C"))
            .policy(TokenPolicy.builder().luhn(TokenPolicy.Luhn.VALID).build())
            .build();
    try (Pan pan = Pan.parse("4761739001010119")) {
      CardToken token = tokenizer.tokenize(pan);
      assertThat(Luhn.isValid(token.digits())).isTrue();
      assertThat(PaymentToken.of(token).cardToken()).contains(token);
    }
  }

  @Test
  void of_bareLuhnValidPan_refusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> PaymentToken.of(PAN))
        .isInstanceOf(PaymentValueException.class)
        .hasMessageContaining("position 0")
        .hasMessageNotContaining(PAN);
  }

  @Test
  void of_prefixedLuhnValidPan_refused() {
    assertThatThrownBy(() -> PaymentToken.of("pm_" + PAN))
        .isInstanceOf(PaymentValueException.class)
        .hasMessageContaining("position 3");
    assertThatThrownBy(() -> PaymentToken.of("tok-" + PAN + "-x"))
        .isInstanceOf(PaymentValueException.class);
    // a text that is almost the token form but not quite is judged as any other text
    assertThatThrownBy(() -> PaymentToken.of("v0:" + PAN))
        .isInstanceOf(PaymentValueException.class);
    assertThatThrownBy(() -> PaymentToken.of("x1:" + PAN))
        .isInstanceOf(PaymentValueException.class);
  }

  @Test
  void of_luhnInvalidDigitsAndAcquirerTokens_pass() {
    assertThat(PaymentToken.of("4111111111111112").cardToken()).isEmpty();
    assertThat(PaymentToken.of("pm_1NqXyZ2eZvKYlo2C").reveal()).isEqualTo("pm_1NqXyZ2eZvKYlo2C");
    // 20 digits is longer than any card number
    assertThat(PaymentToken.of("41111111111111111110").cardToken()).isEmpty();
  }

  @Test
  void of_malformed_refused() {
    assertThatThrownBy(() -> PaymentToken.of("")).isInstanceOf(PaymentValueException.class);
    assertThatThrownBy(() -> PaymentToken.of("a b")).isInstanceOf(PaymentValueException.class);
  }
}
