package io.ambientretail.payments.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.InvalidKeyException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.fpe.FPEEngine;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class Ff1Test {
  private static final byte[] NIST_KEY =
      HexFormat.of().parseHex("2B7E151628AED2A6ABF7158809CF4F3C");

  @Test
  void nistSample1_radix10_noTweak() throws Exception {
    Ff1 ff1 = Ff1.create(NIST_KEY, 10);
    assertThat(ff1.encrypt("0123456789", new byte[0])).isEqualTo("2433477484");
    assertThat(ff1.decrypt("2433477484", new byte[0])).isEqualTo("0123456789");
  }

  @Test
  void nistSample2_radix10_withTweak() throws Exception {
    Ff1 ff1 = Ff1.create(NIST_KEY, 10);
    byte[] tweak = HexFormat.of().parseHex("39383736353433323130");
    assertThat(ff1.encrypt("0123456789", tweak)).isEqualTo("6124200773");
    assertThat(ff1.decrypt("6124200773", tweak)).isEqualTo("0123456789");
  }

  @Test
  void nistSample3_radix36_withTweak() throws Exception {
    Ff1 ff1 = Ff1.create(NIST_KEY, 36);
    byte[] tweak = HexFormat.of().parseHex("3737373770717273373737");
    assertThat(ff1.encrypt("0123456789abcdefghi", tweak)).isEqualTo("a9tv40mll9kdu509eum");
    assertThat(ff1.decrypt("a9tv40mll9kdu509eum", tweak)).isEqualTo("0123456789abcdefghi");
  }

  @Test
  void matchesBouncyCastle_onRandomInputs_acrossRadixLengthAndKeySize() throws Exception {
    SplittableRandom rnd = new SplittableRandom(20261127L);
    for (int trial = 0; trial < 400; trial++) {
      int radix = 2 + rnd.nextInt(35);
      byte[] key = new byte[new int[] {16, 24, 32}[rnd.nextInt(3)]];
      rnd.nextBytes(key);
      // lengths where radix^n >= 10^6 (BC enforces the revised minimum domain) up to 80,
      // covering both the long and the BigInteger paths
      int min = (int) Math.ceil(6 / Math.log10(radix));
      int n = min + rnd.nextInt(80 - min + 1);
      byte[] tweak = new byte[rnd.nextInt(20)];
      rnd.nextBytes(tweak);
      int[] x = new int[n];
      byte[] xb = new byte[n];
      for (int i = 0; i < n; i++) {
        x[i] = rnd.nextInt(radix);
        xb[i] = (byte) x[i];
      }
      FPEEngine bc = new FPEFF1Engine();
      bc.init(true, new FPEParameters(new KeyParameter(key), radix, tweak));
      byte[] expected = new byte[n];
      bc.processBlock(xb, 0, n, expected, 0);

      Ff1 ff1 = Ff1.create(key, radix);
      int[] c = ff1.encrypt(x, tweak);
      for (int i = 0; i < n; i++) {
        assertThat(c[i])
            .as("trial %d radix %d n %d numeral %d", trial, radix, n, i)
            .isEqualTo(expected[i] & 0xFF);
      }
      assertThat(ff1.decrypt(c, tweak)).isEqualTo(x);
    }
  }

  @Test
  void encrypt_numeralOutsideRadix_failsNamingPosition() throws Exception {
    Ff1 ff1 = Ff1.create(NIST_KEY, 10);
    assertThatThrownBy(() -> ff1.encrypt("01234a6789", new byte[0]))
        .isInstanceOfSatisfying(
            TokenizationException.class,
            e -> assertThat(e.code()).isEqualTo(TokenizationException.FF1_INPUT))
        .hasMessageContaining("position 5");
  }

  @Test
  void encrypt_belowMinimumDomain_fails() throws Exception {
    Ff1 ff1 = Ff1.create(NIST_KEY, 2);
    // NIST SP 800-38G Rev. 1: radix^length >= 10^6, so 20 binary numerals (2^20), not 7 (2^7 >=
    // 100)
    assertThat(ff1.minLength()).isEqualTo(20);
    assertThatThrownBy(() -> ff1.encrypt("0101010101010101010", new byte[0]))
        .isInstanceOf(TokenizationException.class)
        .hasMessageContaining("20..4096")
        .hasMessageContaining("1,000,000");
    String twenty = "01010101010101010101";
    assertThat(ff1.decrypt(ff1.encrypt(twenty, new byte[0]), new byte[0])).isEqualTo(twenty);
    assertThat(Ff1.create(NIST_KEY, 10).minLength()).isEqualTo(6);
    assertThat(Ff1.create(NIST_KEY, 36).minLength()).isEqualTo(4);
    assertThatThrownBy(() -> Ff1.create(NIST_KEY, 10).encrypt("12345", new byte[0]))
        .isInstanceOf(TokenizationException.class);
  }

  @Test
  void create_badKeyOrRadix_fails() {
    assertThatThrownBy(() -> Ff1.create(new byte[15], 10)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Ff1.create(NIST_KEY, 37)).isInstanceOf(IllegalArgumentException.class);
  }
}
