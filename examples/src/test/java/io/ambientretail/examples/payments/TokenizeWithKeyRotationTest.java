package io.ambientretail.examples.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.payments.tokenize.CardToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenizeWithKeyRotationTest {
  @Test
  void oldTokenStillDetokenizes_afterRotation() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CardToken[] tokens =
        TokenizeWithKeyRotation.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(tokens[0].keyVersion()).isEqualTo(1);
    assertThat(tokens[1].keyVersion()).isEqualTo(2);
    assertThat(tokens[0].digits()).isNotEqualTo(tokens[1].digits()).endsWith("0011");
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("old token detokenizes to Pan[541333******0011]: true")
        .doesNotContain("5413330089020011");
  }
}
