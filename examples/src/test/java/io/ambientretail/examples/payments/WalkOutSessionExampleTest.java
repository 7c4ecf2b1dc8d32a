package io.ambientretail.examples.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.Money;
import io.ambientretail.payments.session.Receipt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkOutSessionExampleTest {
  @TempDir Path dir;

  @Test
  void run_holdsIncrementsAndCapturesTheBasket() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Receipt r =
        WalkOutSessionExample.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("door opens: true")
        .contains("basket 12.50 EUR: COVERED")
        .contains("basket 41.20 EUR: INCREMENTED, now holding 50.00 EUR")
        .contains("COMPLETE, charged 41.20 EUR, released 8.80 EUR");
    assertThat(r.charged()).isEqualTo(Money.ofMinor(4120, "EUR"));
    assertThat(Files.size(dir.resolve("payments.journal"))).isPositive();
  }
}
