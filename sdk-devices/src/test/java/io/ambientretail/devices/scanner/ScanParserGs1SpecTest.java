package io.ambientretail.devices.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Gtin;
import io.ambientretail.core.Money;
import io.ambientretail.core.Weight;
import io.ambientretail.devices.DeviceErrors;
import org.junit.jupiter.api.Test;

/**
 * Cases from the GS1 General Specifications' own examples: UPC-E zero suppression, EAN/UPC add-ons,
 * element strings with AIs outside our validation table, GS1 Digital Link URIs and
 * restricted-circulation codes with an embedded price or weight.
 */
class ScanParserGs1SpecTest {
  private final ScanParser parser = ScanParser.create();

  @Test
  void parse_upcEWithAim_expandsToUpcA() {
    // GS1 General Specifications: UPC-E 0 123456 5 is UPC-A 0 12345 00006 5
    Scan s = parser.parse("]E001234565");
    assertThat(s.symbology()).isEqualTo(Symbology.UPC_E);
    assertThat(s.gtin().digits14()).isEqualTo("00012345000065");
    assertThat(s.data()).isEqualTo("01234565");
  }

  @Test
  void parse_upcEWithoutAim_expandsInsteadOfPaddingAsEan8() {
    Scan s = parser.parse("01234565");
    assertThat(s.gtin().digits14()).isEqualTo("00012345000065");
    assertThat(s.symbology()).isEqualTo(Symbology.UPC_E);
  }

  @Test
  void parse_upcEEveryZeroSuppressionPattern_expands() {
    // last digit 0-2: it follows the first two manufacturer digits; 3: three digits kept; 4: four;
    // 5-9: it is the item reference's last digit (UPC-A written out by hand from the spec's table)
    assertUpcE("0123450", "01200000345");
    assertUpcE("0123453", "01230000045");
    assertUpcE("0123454", "01234000005");
    assertUpcE("0654327", "06543200007");
    assertUpcE("1123451", "11210000345");
  }

  private void assertUpcE(String numberSystemAndSix, String upcA11) {
    int check = checkDigitOf(upcA11);
    Scan s = parser.parse("]E0" + numberSystemAndSix + check);
    assertThat(s.symbology()).isEqualTo(Symbology.UPC_E);
    assertThat(s.gtin().digits14()).isEqualTo("00" + upcA11 + check);
  }

  private static int checkDigitOf(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, w = 3; i >= 0; i--, w = 4 - w) {
      sum += (digits.charAt(i) - '0') * w;
    }
    return (10 - sum % 10) % 10;
  }

  @Test
  void parse_upcEWrongCheckDigit_fails() {
    assertThatThrownBy(() -> parser.parse("]E001234566"))
        .isInstanceOfSatisfying(
            ScanFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(DeviceErrors.SCAN_CHECK_DIGIT);
              assertThat(e.position()).isEqualTo(10);
            });
  }

  @Test
  void parse_ean13WithTwoDigitAddOn_keepsTheAddOn() {
    // ]E3: main code and add-on in one packet (a periodical's issue number)
    Scan s = parser.parse("]E3977123456700302");
    assertThat(s.symbology()).isEqualTo(Symbology.EAN_13);
    assertThat(s.gtin()).isEqualTo(Gtin.parse("9771234567003"));
    assertThat(s.addOn()).isEqualTo("02");
  }

  @Test
  void parse_ean13WithFiveDigitAddOn_keepsTheAddOn() {
    // a book: ISBN 978-0-306-40615-7 with its suggested price add-on 5 1 9 9 9
    Scan s = parser.parse("]E3978030640615751999");
    assertThat(s.gtin()).isEqualTo(Gtin.parse("9780306406157"));
    assertThat(s.addOn()).isEqualTo("51999");
  }

  @Test
  void parse_upcEWithAddOn_expandsAndKeepsTheAddOn() {
    Scan s = parser.parse("]E30123456512");
    assertThat(s.symbology()).isEqualTo(Symbology.UPC_E);
    assertThat(s.gtin().digits14()).isEqualTo("00012345000065");
    assertThat(s.addOn()).isEqualTo("12");
  }

  @Test
  void parse_addOnAlone_hasNoGtin() {
    Scan s = parser.parse("]E251999");
    assertThat(s.symbology()).isEqualTo(Symbology.EAN_ADD_ON);
    assertThat(s.gtin()).isNull();
    assertThat(s.addOn()).isEqualTo("51999");
  }

  @Test
  void parse_addOnOfWrongLength_failsNamingTheOffset() {
    assertThatThrownBy(() -> parser.parse("]E39771234567003023"))
        .isInstanceOfSatisfying(
            ScanFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(DeviceErrors.SCAN_INVALID);
              assertThat(e.getMessage()).contains("add-on");
              assertThat(e.position()).isEqualTo(3);
            });
  }

  @Test
  void parse_plainEan13_hasNoAddOn() {
    assertThat(parser.parse("]E04006381333931").addOn()).isEmpty();
  }

  @Test
  void parse_unknownAi8008_keepsTheWholeScan() {
    // (01) GTIN (8008) production date and time (10) batch: 8008 is not in our validation table
    Scan s = parser.parse("]C10109506000134352" + "8008261231235959\u001D" + "10LOT7");
    assertThat(s.gtin()).isEqualTo(Gtin.parse("09506000134352"));
    assertThat(s.elements())
        .containsExactly(
            new Gs1Element("01", "09506000134352"),
            new Gs1Element("8008", "261231235959"),
            new Gs1Element("10", "LOT7"));
  }

  @Test
  void parse_aisOfEveryLengthClass_splitAsTheSpecSays() {
    // 4-digit (7007 harvest date), 3-digit (710 NHRN Germany), 4-digit 43xx (4300 ship-to name)
    Scan s =
        parser.parse(
            "]d2\u001D0109506000134352"
                + "7007261201\u001D"
                + "710ABC-123\u001D"
                + "4300ACME"
                + "\u001D"
                + "8200http://x.example");
    assertThat(s.elements())
        .extracting(Gs1Element::ai)
        .containsExactly("01", "7007", "710", "4300", "8200");
    assertThat(s.elements().get(4).value()).isEqualTo("http://x.example");
  }

  @Test
  void parse_unassignedAi_failsAtItsRealOffset() {
    // ]C1 (3) + 01 + 14 digits = offset 19 for the unassigned AI 55
    assertThatThrownBy(() -> parser.parse("]C10109506000134352" + "55123"))
        .isInstanceOfSatisfying(
            ScanFormatException.class,
            e -> {
              assertThat(e.position()).isEqualTo(19);
              assertThat(e.getMessage()).contains("AI").contains("55");
            });
  }

  @Test
  void parse_badCharacterInUnknownAi_failsAtThatCharacter() {
    assertThatThrownBy(() -> parser.parse("]C10109506000134352" + "8008 61231"))
        .isInstanceOfSatisfying(
            ScanFormatException.class, e -> assertThat(e.position()).isEqualTo(23));
  }

  @Test
  void parse_digitalLinkUri_givesGtinAndElements() {
    // the GS1 Digital Link standard's example: GTIN, batch, serial, expiry as a query
    Scan s = parser.parse("]Q1https://id.gs1.org/01/09520123456788/10/ABC123/21/12345?17=201225");
    assertThat(s.symbology()).isEqualTo(Symbology.QR);
    assertThat(s.gtin()).isEqualTo(Gtin.parse("09520123456788"));
    assertThat(s.elements())
        .containsExactly(
            new Gs1Element("01", "09520123456788"),
            new Gs1Element("10", "ABC123"),
            new Gs1Element("21", "12345"),
            new Gs1Element("17", "201225"));
    assertThat(s.data()).startsWith("https://");
  }

  @Test
  void parse_digitalLinkOnOwnDomainWithPathPrefixAndShortGtin_padsGtin() {
    Scan s =
        parser.parse("]Q1https://brand.example.com/products/01/9506000134352/10/A%2F1?3103=000500");
    assertThat(s.gtin().digits14()).isEqualTo("09506000134352");
    assertThat(ScanParser.find(s.elements(), "10").value()).isEqualTo("A/1");
    assertThat(ScanParser.find(s.elements(), "3103").netWeight()).isEqualTo(Weight.ofGrams(500));
  }

  @Test
  void parse_digitalLinkWithBadGtinCheckDigit_failsAtTheDigit() {
    String uri = "]Q1https://id.gs1.org/01/09520123456789";
    assertThatThrownBy(() -> parser.parse(uri))
        .isInstanceOfSatisfying(
            ScanFormatException.class,
            e -> {
              assertThat(e.code()).isEqualTo(DeviceErrors.SCAN_CHECK_DIGIT);
              assertThat(e.position()).isEqualTo(uri.length() - 1);
            });
  }

  @Test
  void parse_ordinaryUrl_staysPlainText() {
    Scan s = parser.parse("]Q1https://example.org/01/about");
    assertThat(s.gtin()).isNull();
    assertThat(s.elements()).isEmpty();
  }

  @Test
  void parse_embeddedPriceCode_givesItemAndPrice() {
    // a national convention: prefix 21-22, 5-digit item, 5-digit price in cents, check digit
    ScanParser p =
        ScanParser.builder()
            .embedded(
                EmbeddedCodeRule.price(
                    "21-22", "PPIIIIIVVVVVC", java.util.Currency.getInstance("EUR")))
            .build();
    String digits = withCheck("211234501299");
    Scan s = p.parse("]E0" + digits);
    assertThat(s.gtin()).isEqualTo(Gtin.parse(digits));
    EmbeddedValue v = s.embedded();
    assertThat(v).isNotNull();
    assertThat(v.item()).isEqualTo(Gtin.parse(withCheck("211234500000")));
    assertThat(v.price()).isEqualTo(Money.parse("12.99 EUR"));
    assertThat(v.weight()).isNull();
  }

  @Test
  void parse_embeddedWeightCode_givesGrams() {
    ScanParser p =
        ScanParser.builder()
            .embedded(EmbeddedCodeRule.weight("28", "PPIIIIIVVVVVC", Weight.ofGrams(1)))
            .build();
    Scan s = p.parse(withCheck("280042001250"));
    assertThat(s.embedded().weight()).isEqualTo(Weight.ofGrams(1250));
    assertThat(s.embedded().item()).isEqualTo(Gtin.parse(withCheck("280042000000")));
  }

  @Test
  void parse_embeddedCodeOutsideConfiguredPrefixes_isAPlainGtin() {
    ScanParser p =
        ScanParser.builder()
            .embedded(EmbeddedCodeRule.weight("28", "PPIIIIIVVVVVC", Weight.ofGrams(1)))
            .build();
    assertThat(p.parse(withCheck("290042001250")).embedded()).isNull();
    assertThat(ScanParser.create().parse(withCheck("280042001250")).embedded()).isNull();
  }

  @Test
  void embeddedRule_badLayout_failsAtBuild() {
    assertThatThrownBy(() -> EmbeddedCodeRule.weight("28", "PPIIIIIVVVC", Weight.ofGrams(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("13");
    assertThatThrownBy(() -> EmbeddedCodeRule.weight("19", "PPIIIIIVVVVVC", Weight.ofGrams(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20");
  }

  private static String withCheck(String twelve) {
    return twelve + checkDigitOf(twelve);
  }

  @Test
  void decimal_aiOutsideTheMeasureGroupsWithText_isNullNotACrash() {
    // found by the fuzzer: (3952) is no measure AI, its data may be text
    Scan s = parser.parse("]C10109506000134352\u001D3103001250" + "3952]Q1https");
    assertThat(ScanParser.find(s.elements(), "3952").decimal()).isNull();
    assertThat(ScanParser.find(s.elements(), "3103").decimal()).isEqualByComparingTo("1.250");
  }

  @Test
  void parse_twoDifferentGtinsInOneString_fails() {
    // found by the fuzzer: (02) twice with different data, then (01) beside (02)
    assertThatThrownBy(() -> parser.parse("]C1" + "0210310727282632" + "0210310700000000"))
        .isInstanceOfSatisfying(
            ScanFormatException.class,
            e -> {
              assertThat(e.getMessage()).contains("twice");
              assertThat(e.position()).isEqualTo(19);
            });
    assertThatThrownBy(() -> parser.parse("]C1" + "0210310727282632" + "0109506000134352"))
        .isInstanceOf(ScanFormatException.class)
        .hasMessageContaining("(01) and (02)");
  }
}
