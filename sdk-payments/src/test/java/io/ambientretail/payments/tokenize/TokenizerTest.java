package io.ambientretail.payments.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.payments.internal.Luhn;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.fpe.FPEEngine;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  private static final byte[] KEY1 = new byte[16];
  private static final byte[] KEY2 = new byte[32];

  static {
    for (int i = 0; i < KEY2.length; i++) {
      KEY2[i] = (byte) (i * 7 + 1);
      if (i < 16) {
        KEY1[i] = (byte) (i + 100);
      }
    }
  }

  private static Tokenizer tokenizer(TokenPolicy policy, int current) throws Exception {
    return Tokenizer.builder()
        .key(1, KEY1)
        .key(2, KEY2)
        .currentKeyVersion(current)
        .policy(policy)
        .detokenizePolicy((who, why) -> who.equals("refunds"))
        .build();
  }

  /** A random Luhn-valid PAN of {@code n} digits starting with 4. */
  private static String randomPan(SplittableRandom rnd, int n) {
    byte[] d = new byte[n];
    d[0] = 4;
    for (int i = 1; i < n - 1; i++) {
      d[i] = (byte) rnd.nextInt(10);
    }
    int s = Luhn.sum(d, n);
    d[n - 1] = (byte) ((10 - s % 10) % 10);
    StringBuilder sb = new StringBuilder();
    for (byte b : d) {
      sb.append((char) ('0' + b));
    }
    return sb.toString();
  }

  @Test
  void defaultPolicy_16digitPan_keepsLast4Only_soElevenDigitsAreEncrypted() throws Exception {
    Tokenizer t = tokenizer(TokenPolicy.defaults(), 1);
    assertThat(TokenPolicy.defaults().binDigitsFor("4761", 16)).isZero();
    assertThat(TokenPolicy.defaults().encryptedDigitsFor("4761", 16)).isEqualTo(11);
    try (Pan pan = Pan.parse("4761739001010119")) {
      CardToken token = t.tokenize(pan);
      assertThat(token.keyVersion()).isEqualTo(1);
      assertThat(token.digits()).hasSize(16).endsWith("0119").isNotEqualTo("4761739001010119");
      assertThat(Pan.parse(token.digits()).isLuhnValid()).isFalse();
      assertThat(t.tokenize(pan)).isEqualTo(token);
      assertThat(token.text()).isEqualTo("v1:" + token.digits());
      assertThat(CardToken.parse(token.text())).isEqualTo(token);
      try (Pan back = t.detokenize(token, "refunds", "test")) {
        assertThat(back).isEqualTo(pan);
      }
    }
  }

  @Test
  void defaultPolicy_keepsTheSchemesBin_onlyWhenSixDigitsRemainToEncrypt() {
    TokenPolicy p = TokenPolicy.defaults();
    assertThat(p.keepsSchemeBin()).isTrue();
    for (int n = Pan.MIN_LENGTH; n <= Pan.MAX_LENGTH; n++) {
      // Visa and Mastercard issue 8-digit BINs; American Express 6
      assertThat(p.binDigitsFor("4761", n))
          .as("Visa, %d digits", n)
          .isEqualTo(n == 19 ? 8 : n >= 17 ? 6 : 0);
      assertThat(p.binDigitsFor("2221", n))
          .as("Mastercard 2-series, %d digits", n)
          .isEqualTo(n == 19 ? 8 : n >= 17 ? 6 : 0);
      assertThat(p.binDigitsFor("3714", n)).as("Amex, %d digits", n).isEqualTo(n >= 17 ? 6 : 0);
      for (String lead : new String[] {"4761", "5413", "3714", "6011"}) {
        assertThat(p.encryptedDigitsFor(lead, n))
            .as("%s, %d digits", lead, n)
            .isGreaterThanOrEqualTo(TokenPolicy.MIN_ENCRYPTED_DIGITS);
      }
    }
    TokenPolicy bin8 = TokenPolicy.builder().keepBin(8).build();
    assertThat(bin8.keepsSchemeBin()).isFalse();
    assertThat(bin8.binDigitsFor("3714", 19)).isEqualTo(8);
    assertThat(bin8.binDigitsFor("3714", 18)).isZero();
  }

  @Test
  void schemeBin_19digitVisa_keepsBin8_andDetokenizesFromTheTokensOwnDigits() throws Exception {
    Tokenizer t = tokenizer(TokenPolicy.defaults(), 2);
    SplittableRandom rnd = new SplittableRandom(19);
    for (int n = 17; n <= 19; n++) {
      String digits = randomPan(rnd, n); // starts with 4: Visa
      try (Pan pan = Pan.parse(digits)) {
        CardToken token = t.tokenize(pan);
        int kept = n == 19 ? 8 : 6;
        assertThat(token.digits()).startsWith(digits.substring(0, kept));
        try (Pan back = t.detokenize(token, "refunds", "test")) {
          assertThat(back).isEqualTo(pan);
        }
      }
    }
  }

  @Test
  void policyThatRefuses_refusesADomainBelowAMillion_namingTheStandard() throws Exception {
    TokenPolicy strict =
        TokenPolicy.builder().keepBin(6).whenTooFew(TokenPolicy.WhenTooFew.REFUSE).build();
    Tokenizer t = tokenizer(strict, 1);
    assertThatThrownBy(() -> t.tokenize(Pan.parse("4761739001010119")))
        .isInstanceOfSatisfying(
            TokenizationException.class,
            e -> assertThat(e.code()).isEqualTo(TokenizationException.TOKEN_DOMAIN))
        .hasMessageContaining("16-digit PAN leaves 5 digits")
        .hasMessageContaining("10^6")
        .hasMessageNotContaining("4761739001010119");
    assertThat(strict.binDigitsFor("4761", 17)).isEqualTo(6);
    assertThat(strict.encryptedDigitsFor("4761", 17)).isEqualTo(6);
  }

  @Test
  void legacyTokens_madeBeforeTheDomainRule_stillDetokenize_knownAnswers() throws Exception {
    // Tokens made by the previous release's default policy (BIN 6, last 4, Luhn-invalid) with KEY1.
    Tokenizer t =
        Tokenizer.builder()
            .key(1, KEY1, TokenPolicy.legacy(6, true, TokenPolicy.Luhn.INVALID))
            .key(2, KEY2)
            .detokenizePolicy((who, why) -> true)
            .build();
    String[][] known = {
      {"v1:4761731628550119", "4761739001010119"},
      {"v1:5413336085730011", "5413330089020011"},
      {"v1:4000006660006", "4000000000006"},
      {"v1:371449682518431", "371449635398431"}
    };
    for (String[] k : known) {
      try (Pan back = t.detokenize(CardToken.parse(k[0]), "refunds", "test");
          Pan pan = Pan.parse(k[1])) {
        assertThat(back).as(k[0]).isEqualTo(pan);
        assertThat(t.tokenize(pan).keyVersion()).isEqualTo(2);
      }
    }
    assertThat(t.policy().isLegacy()).isFalse();
    assertThat(t.policy(1)).isEqualTo(TokenPolicy.legacy(6, true, TokenPolicy.Luhn.INVALID));
  }

  @Test
  void legacyPolicy_makesNoNewTokens() {
    TokenPolicy legacy = TokenPolicy.legacy(6, true, TokenPolicy.Luhn.INVALID);
    assertThatThrownBy(() -> Tokenizer.builder().policy(legacy))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tokenizer.builder().key(1, KEY1, legacy).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("legacy");
  }

  @Test
  void defaultToken_isFf1OfTheDigitsBeforeTheLast4_asBouncyCastleComputesIt() throws Exception {
    // The layout, checked against an independent FF1: digits 0..10 of a 16-digit PAN encrypted
    // with the tweak (length 16, 0 digits kept in front, 4 behind, the last 4 as text), digit 11
    // set so the Luhn sum is 5 (deliberately invalid), the last 4 in clear.
    String pan = "4761739001010119";
    byte[] plain = new byte[11];
    for (int i = 0; i < 11; i++) {
      plain[i] = (byte) (pan.charAt(i) - '0');
    }
    byte[] tweak = {16, 0, 4, '0', '1', '1', '9'};
    FPEEngine bc = new FPEFF1Engine();
    bc.init(true, new FPEParameters(new KeyParameter(KEY1), 10, tweak));
    byte[] expected = new byte[11];
    bc.processBlock(plain, 0, 11, expected, 0);
    StringBuilder head = new StringBuilder();
    for (byte b : expected) {
      head.append((char) ('0' + b));
    }
    String token = tokenizer(TokenPolicy.defaults(), 1).tokenize(Pan.parse(pan)).digits();
    assertThat(token).startsWith(head.toString()).endsWith("0119");
    byte[] d = new byte[16];
    for (int i = 0; i < 16; i++) {
      d[i] = (byte) (token.charAt(i) - '0');
    }
    assertThat(Luhn.sum(d, 16) % 10).isEqualTo(5);
  }

  @Test
  void roundTrip_manyPans_everyPolicy_isBijectiveAndKeepsItsPromises() throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    for (TokenPolicy.Luhn luhn : TokenPolicy.Luhn.values()) {
      for (int bin : new int[] {0, 6, 8}) {
        for (boolean last4 : new boolean[] {true, false}) {
          TokenPolicy p = TokenPolicy.builder().keepBin(bin).keepLast4(last4).luhn(luhn).build();
          Tokenizer t = tokenizer(p, 2);
          Set<String> tokens = new HashSet<>();
          for (int i = 0; i < 60; i++) {
            String digits = randomPan(rnd, 15 + rnd.nextInt(5));
            try (Pan pan = Pan.parse(digits)) {
              CardToken token = t.tokenize(pan);
              tokens.add(token.digits());
              int kept = p.binDigitsFor(digits, digits.length());
              assertThat(kept).isIn(0, bin);
              assertThat(p.encryptedDigitsFor(digits, digits.length())).isGreaterThanOrEqualTo(6);
              assertThat(token.digits())
                  .hasSameSizeAs(digits)
                  .startsWith(digits.substring(0, kept));
              if (last4) {
                assertThat(token.digits()).endsWith(digits.substring(digits.length() - 4));
              }
              assertThat(PanLuhn.valid(token.digits()))
                  .as("policy %s", p)
                  .isEqualTo(luhn == TokenPolicy.Luhn.VALID);
              try (Pan back = t.detokenize(token, "refunds", "test")) {
                assertThat(back).isEqualTo(pan);
              }
            }
          }
          assertThat(tokens).hasSize(60);
        }
      }
    }
  }

  @Test
  void keyRotation_oldTokensStillDetokenize() throws Exception {
    Tokenizer before = tokenizer(TokenPolicy.defaults(), 1);
    Tokenizer after = tokenizer(TokenPolicy.defaults(), 2);
    try (Pan pan = Pan.parse("5413330089020011")) {
      CardToken old = before.tokenize(pan);
      CardToken fresh = after.tokenize(pan);
      assertThat(old.keyVersion()).isEqualTo(1);
      assertThat(fresh.keyVersion()).isEqualTo(2);
      assertThat(fresh.digits()).isNotEqualTo(old.digits());
      try (Pan a = after.detokenize(old, "refunds", "refund");
          Pan b = after.detokenize(fresh, "refunds", "refund")) {
        assertThat(a).isEqualTo(pan);
        assertThat(b).isEqualTo(pan);
      }
    }
    Tokenizer onlyNew = Tokenizer.builder().key(2, KEY2).detokenizePolicy((w, p) -> true).build();
    assertThatThrownBy(() -> onlyNew.detokenize(CardToken.parse("v1:5413331234560011"), "x", "y"))
        .isInstanceOfSatisfying(
            TokenizationException.class,
            e -> assertThat(e.code()).isEqualTo(TokenizationException.TOKEN_KEY_VERSION));
  }

  @Test
  void detokenize_withoutPermission_isDenied() throws Exception {
    Tokenizer t = tokenizer(TokenPolicy.defaults(), 1);
    try (Pan pan = Pan.parse("4761739001010119")) {
      CardToken token = t.tokenize(pan);
      assertThatThrownBy(() -> t.detokenize(token, "marketing", "campaign"))
          .isInstanceOfSatisfying(
              TokenizationException.class,
              e -> assertThat(e.code()).isEqualTo(TokenizationException.DETOKENIZE_DENIED));
      Tokenizer defaults = Tokenizer.builder().key(1, KEY1).build();
      assertThatThrownBy(() -> defaults.detokenize(token, "refunds", "refund"))
          .isInstanceOf(TokenizationException.class);
    }
  }

  @Test
  void tokenize_luhnInvalidPan_orTooShortDomain_fails() throws Exception {
    Tokenizer t =
        tokenizer(
            TokenPolicy.builder().keepBin(8).whenTooFew(TokenPolicy.WhenTooFew.REFUSE).build(), 1);
    assertThatThrownBy(() -> t.tokenize(Pan.parse("4761739001010118")))
        .isInstanceOfSatisfying(
            TokenizationException.class,
            e -> assertThat(e.code()).isEqualTo(TokenizationException.PAN_LUHN))
        .hasMessageContaining("476173******0118");
    assertThat(tokenizer(TokenPolicy.defaults(), 1).tokenize(Pan.parse("4000000000006")).digits())
        .hasSize(13)
        .endsWith("0006");
    assertThatThrownBy(() -> t.tokenize(Pan.parse("4000000000006")))
        .isInstanceOfSatisfying(
            TokenizationException.class,
            e -> assertThat(e.code()).isEqualTo(TokenizationException.TOKEN_DOMAIN));
  }

  @Test
  void cardTokenToString_hidesTheToken() throws Exception {
    CardToken token = tokenizer(TokenPolicy.defaults(), 2).tokenize(Pan.parse("4761739001010119"));
    assertThat(token.toString())
        .isEqualTo("CardToken[v2:************0119]")
        .doesNotContain(token.digits().substring(0, 12));
    assertThat(token.text()).isEqualTo("v2:" + token.digits());
  }

  @Test
  void fingerprint_isStablePerKey_andHidesThePan() throws Exception {
    CardFingerprinter f1 = CardFingerprinter.create(KEY1);
    CardFingerprinter f2 = CardFingerprinter.create(KEY2);
    try (Pan a = Pan.parse("4761739001010119");
        Pan b = Pan.parse("4761739001010119");
        Pan c = Pan.parse("5413330089020011")) {
      assertThat(f1.fingerprint(a))
          .hasSize(43)
          .isEqualTo(f1.fingerprint(b))
          .isNotEqualTo(f1.fingerprint(c))
          .isNotEqualTo(f2.fingerprint(a))
          .doesNotContain("0119");
    }
  }

  /** Luhn over text, for assertions. */
  static final class PanLuhn {
    static boolean valid(String digits) {
      byte[] d = new byte[digits.length()];
      for (int i = 0; i < d.length; i++) {
        d[i] = (byte) (digits.charAt(i) - '0');
      }
      return Luhn.sum(d, d.length) % 10 == 0;
    }
  }
}
