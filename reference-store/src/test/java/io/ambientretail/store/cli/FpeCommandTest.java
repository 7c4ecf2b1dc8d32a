package io.ambientretail.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FpeCommandTest {
  private static final String KEY = "2B7E151628AED2A6ABF7158809CF4F3C";
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return AmbientMain.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void nistSample1_encryptsToTheStandardsAnswer() {
    assertThat(run("fpe", "ff1", "--key", KEY, "--radix", "10", "--encrypt", "0123456789"))
        .isZero();
    assertThat(out.toString()).isEqualTo("2433477484" + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void nistSample2_decryptsBack() {
    assertThat(
            run(
                "fpe",
                "ff1",
                "--key",
                KEY,
                "--radix",
                "10",
                "--tweak",
                "39383736353433323130",
                "--decrypt",
                "6124200773"))
        .isZero();
    assertThat(out.toString().strip()).isEqualTo("0123456789");
  }

  @Test
  void nistSample3_radix36() {
    assertThat(
            run(
                "fpe",
                "ff1",
                "--key",
                KEY,
                "--radix",
                "36",
                "--tweak",
                "3737373770717273373737",
                "--encrypt",
                "0123456789abcdefghi"))
        .isZero();
    assertThat(out.toString().strip()).isEqualTo("a9tv40mll9kdu509eum");
  }

  @Test
  void badNumeral_exits2WithOneLineNamingThePosition() {
    assertThat(run("fpe", "ff1", "--key", KEY, "--radix", "10", "--encrypt", "01234z6789"))
        .isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("[FF1_INPUT]", "position 5").doesNotContain("at io.");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void badKey_andBothDirections_exit2() {
    assertThat(run("fpe", "ff1", "--key", "2B7E", "--radix", "10", "--encrypt", "0123456789"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--key must be 16, 24 or 32 bytes");
    assertThat(run("fpe", "ff1", "--key", KEY, "--radix", "10", "--encrypt", "--decrypt", "1"))
        .isEqualTo(2);
  }
}
