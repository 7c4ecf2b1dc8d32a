package io.ambientretail.examples.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.Money;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SplitTheBillTest {
  @Test
  void pricesValidCodes_skipsTypos_andSplitsWithoutLoss() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Money total =
        SplitTheBill.run(new String[] {"5012345678900", "4006381333932", "036000291452"}, out);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(total).isEqualTo(Money.parse("6.70 EUR"));
    assertThat(printed)
        .contains("05012345678900", "00036000291452")
        .contains("skipped 4006381333932")
        .contains("[2.24 EUR, 2.23 EUR, 2.23 EUR]");
  }
}
