package io.ambientretail.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PanLeakScannerTest {
  // Published test-card numbers.
  private static final String VISA = "4761340000000050";
  private static final String AMEX = "374245455400126";

  @Test
  void findsPans_plainSpacedAndDashed() {
    PanLeakScanner s = PanLeakScanner.strict();
    assertThat(s.scan(("pan=" + VISA + ";").getBytes(US_ASCII), "a")).hasSize(1);
    assertThat(s.scan("card 4761 3400 0000 0050 ok".getBytes(US_ASCII), "b")).hasSize(1);
    assertThat(s.scan("3742-454554-00126".getBytes(US_ASCII), "c")).hasSize(1);
    assertThat(s.scan(("t=" + AMEX + "\n" + VISA).getBytes(US_ASCII), "d")).hasSize(2);
    assertThat(s.scan(("x" + VISA).getBytes(US_ASCII), "e").get(0).offset()).isEqualTo(1);
  }

  @Test
  void ignoresMaskedNonLuhnShortAndAllowedRuns() {
    PanLeakScanner s = PanLeakScanner.allowing(Set.of(AMEX));
    assertThat(s.scan("476134******0050".getBytes(US_ASCII), "a")).isEmpty();
    assertThat(s.scan("4761340000000051".getBytes(US_ASCII), "b")).isEmpty();
    assertThat(s.scan("476134000000".getBytes(US_ASCII), "c")).isEmpty();
    assertThat(s.scan(AMEX.getBytes(US_ASCII), "d")).isEmpty();
    assertThat(s.scan("0000000000000000".getBytes(US_ASCII), "e")).isEmpty();
    // long digit runs such as nanosecond timestamps are not PANs
    assertThat(s.scan("1764233745123456789012".getBytes(US_ASCII), "f")).isEmpty();
  }

  @Test
  void scansFolderTrees_andNamesTheFileNotTheDigits(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("logs/app.log"), "charged " + VISA + "\n", US_ASCII);
    Files.writeString(dir.resolve("clean.txt"), "masked 476134******0050\n", US_ASCII);
    var findings = PanLeakScanner.strict().scan(dir);
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).source()).endsWith("app.log");
    assertThat(findings.get(0).toString()).doesNotContain(VISA);
    assertThat(PanLeakScanner.strict().scan(dir, f -> !f.toString().endsWith(".log"))).isEmpty();
  }
}
