package io.ambientretail.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoreConfigReaderTest {
  private final StoreConfigReader reader = StoreConfigReader.withDefaults();

  private StoreConfig read(String yaml) {
    return reader.read(yaml.getBytes(StandardCharsets.UTF_8), "store.yaml");
  }

  private static final String MINIMAL =
      "store: {id: S9, kind: micromarket, currency: CHF}\n"
          + "planogram:\n  shelves:\n    - id: A\n      lanes:\n"
          + "        - {id: A1, gtin: '4012345670004', priceMinor: 150, unitGrams: 520}\n";

  @Test
  void demoConfigs_bothKinds_parse() {
    StoreConfig w = reader.demo(StoreKind.WALKOUT);
    StoreConfig m = reader.demo(StoreKind.MICROMARKET);
    assertThat(w.kind()).isEqualTo(StoreKind.WALKOUT);
    assertThat(w.lanes()).hasSize(24);
    assertThat(w.tokens()).extracting(StoreConfig.ApiToken::role).contains(Role.ADMIN);
    assertThat(m.kind()).isEqualTo(StoreKind.MICROMARKET);
    assertThat(m.lanes()).filteredOn(l -> l.pricing() == StoreConfig.Pricing.WEIGHT).hasSize(2);
  }

  @Test
  void minimal_appliesDefaults() {
    StoreConfig c = read(MINIMAL);
    assertThat(c.storeId()).isEqualTo("S9");
    assertThat(c.currency().getCurrencyCode()).isEqualTo("CHF");
    assertThat(c.lanes())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.capacity()).isEqualTo(10);
              assertThat(l.initial()).isEqualTo(10);
            });
    assertThat(c.payment().gateway()).isEqualTo("simulated");
  }

  @Test
  void audit_absent_defaultsToTenSeconds_andSetsBoundsAndWitness() {
    assertThat(read(MINIMAL).audit()).isEqualTo(StoreConfig.Audit.DEFAULTS);
    assertThat(StoreConfig.Audit.DEFAULTS.checkpointEverySeconds()).isLessThanOrEqualTo(10);
    StoreConfig.Audit a =
        read(MINIMAL
                + "audit: {checkpointEveryEntries: 50, checkpointEverySeconds: 5,"
                + " witness: 'https://hq.example.com/w'}\n")
            .audit();
    assertThat(a.checkpointEveryEntries()).isEqualTo(50);
    assertThat(a.checkpointEverySeconds()).isEqualTo(5);
    assertThat(a.witness()).hasToString("https://hq.example.com/w");
    assertThatThrownBy(() -> read(MINIMAL + "audit: {witness: 'ftp://x/y'}\n"))
        .hasMessageContaining("audit.witness");
    assertThatThrownBy(() -> read(MINIMAL + "audit: {checkpointEverySeconds: 0}\n"))
        .hasMessageContaining("audit.checkpointEverySeconds");
    assertThatThrownBy(() -> read(MINIMAL + "audit: {every: 3}\n")).hasMessageContaining("every");
  }

  @Test
  void paymentOffline_absent_usesTheDefaults() {
    assertThat(read(MINIMAL).payment().offline()).isEqualTo(new StoreConfig.Offline(2, 40, 24, 4));
  }

  @Test
  void paymentOffline_setsTheStoreAndForwardLimits() {
    StoreConfig c =
        read(
            MINIMAL
                + "payment:\n  holdMinor: 700\n  offline: {perCardHolds: 1,"
                + " totalHolds: 10, maxAgeHours: 12, warnBeforeHours: 2}\n");
    assertThat(c.payment().offline()).isEqualTo(new StoreConfig.Offline(1, 10, 12, 2));
    assertThat(c.payment().holdMinor()).isEqualTo(700);
    assertThat(read(MINIMAL + "payment:\n  offline: {totalHolds: 5}\n").payment().offline())
        .isEqualTo(new StoreConfig.Offline(2, 5, 24, 4));
  }

  @Test
  void paymentOffline_badValues_nameTheField() {
    String p = MINIMAL + "payment:\n  offline: ";
    assertThatThrownBy(() -> read(p + "{perCardHolds: 5, totalHolds: 4}\n"))
        .isInstanceOf(StoreConfigException.class)
        .hasMessageContaining("payment.offline.perCardHolds: must not exceed totalHolds (4)");
    assertThatThrownBy(() -> read(p + "{maxAgeHours: 6, warnBeforeHours: 6}\n"))
        .hasMessageContaining("payment.offline.warnBeforeHours: must be less than maxAgeHours");
    assertThatThrownBy(() -> read(p + "{totalHolds: -1}\n"))
        .hasMessageContaining("payment.offline.totalHolds");
    assertThatThrownBy(() -> read(p + "{maxAgeHours: 0}\n"))
        .hasMessageContaining("payment.offline.maxAgeHours");
    assertThatThrownBy(() -> read(p + "{cap: 3}\n"))
        .hasMessageContaining("payment.offline.cap: unknown field");
    assertThatThrownBy(() -> read(p + "7\n"))
        .hasMessageContaining("payment.offline: expected a mapping");
  }

  @Test
  void review_absent_usesTheDefaults_andIsReadWhenGiven() {
    assertThat(read(MINIMAL).review())
        .isEqualTo(new StoreConfig.Review(30, StoreConfig.LateDecision.APPROVE));
    assertThat(read(MINIMAL + "review: {decideWithinMinutes: 15, whenLate: void}\n").review())
        .isEqualTo(new StoreConfig.Review(15, StoreConfig.LateDecision.VOID));
    assertThat(read(MINIMAL + "review: {whenLate: VOID}\n").review())
        .isEqualTo(new StoreConfig.Review(30, StoreConfig.LateDecision.VOID));
  }

  @Test
  void review_badValues_nameTheField() {
    assertThatThrownBy(() -> read(MINIMAL + "review: {decideWithinMinutes: 0}\n"))
        .isInstanceOf(StoreConfigException.class)
        .hasMessageContaining("review.decideWithinMinutes: must be between 1 and 720");
    assertThatThrownBy(() -> read(MINIMAL + "review: {decideWithinMinutes: 721}\n"))
        .hasMessageContaining("review.decideWithinMinutes");
    assertThatThrownBy(() -> read(MINIMAL + "review: {whenLate: refund}\n"))
        .hasMessageContaining("review.whenLate: expected approve or void, was 'refund'");
    assertThatThrownBy(() -> read(MINIMAL + "review: {after: 3}\n"))
        .hasMessageContaining("review.after: unknown field");
    assertThatThrownBy(() -> read(MINIMAL + "review: 30\n"))
        .hasMessageContaining("review: expected a mapping");
  }

  @Test
  void badGtin_namesTheLaneField() {
    assertThatThrownBy(() -> read(MINIMAL.replace("4012345670004", "4012345670005")))
        .isInstanceOf(StoreConfigException.class)
        .hasMessageContaining("store.yaml:6: planogram.shelves[0].lanes[0].gtin");
  }

  @Test
  void unknownField_isRejectedWithItsPath() {
    assertThatThrownBy(() -> read(MINIMAL.replace("currency: CHF", "currency: CHF, colour: red")))
        .hasMessageContaining("store.colour: unknown field");
  }

  @Test
  void initialAboveCapacity_failsWithRange() {
    assertThatThrownBy(
            () ->
                read(
                    MINIMAL.replace(
                        "unitGrams: 520", "unitGrams: 520, capacity: 5," + " initial: 9")))
        .hasMessageContaining("initial: must be between 0 and 5, was 9");
  }

  @Test
  void yamlSyntaxError_namesLine() {
    assertThatThrownBy(() -> read("store: {id: S1\nplanogram: ["))
        .isInstanceOf(StoreConfigException.class)
        .hasMessageMatching("store\\.yaml:\\d+:\\d+: not valid YAML.*");
  }

  @Test
  void shopperTokenWithoutShopper_fails() {
    assertThatThrownBy(
            () ->
                read(
                    MINIMAL
                        + "security:\n  tokens:\n"
                        + "    - {token: abcdefghij, role: shopper}\n"))
        .hasMessageContaining("security.tokens[0].shopper: required");
  }

  @Test
  void tooLarge_isRejectedBeforeParsing() {
    byte[] big = new byte[StoreConfigReader.DEFAULT_MAX_BYTES + 1];
    assertThatThrownBy(() -> reader.read(big, "big.yaml")).hasMessageContaining("larger than");
  }

  @Test
  void apiTokenToString_hidesTheToken() {
    StoreConfig c = reader.demo(StoreKind.WALKOUT);
    assertThat(c.tokens().get(0).toString()).doesNotContain("demo-");
  }

  /** Any bytes give a configuration or a StoreConfigException, never anything else. */
  @FuzzTest(maxDuration = "20s")
  void read_anyBytes_configOrTypedError(byte[] data) {
    try {
      StoreConfig c = reader.read(data, "fuzz.yaml");
      assertThat(c.lanes()).isNotEmpty();
    } catch (StoreConfigException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz.yaml");
    }
  }
}
