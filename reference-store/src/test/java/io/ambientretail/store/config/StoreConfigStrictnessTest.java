package io.ambientretail.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.store.cli.AmbientMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * store.yaml mistakes an operator makes: each is refused with the file, the line, the key and the
 * reason, and before the store writes anything.
 */
class StoreConfigStrictnessTest {
  private final StoreConfigReader reader = StoreConfigReader.withDefaults();

  // line 1: store, lines 2-5: planogram
  private static final String MINIMAL =
      "store: {id: S9, kind: micromarket, currency: CHF}\n"
          + "planogram:\n  shelves:\n    - id: A\n      lanes:\n"
          + "        - {id: A1, gtin: '4012345670004', priceMinor: 150, unitGrams: 520}\n";

  private StoreConfig read(String yaml) {
    return reader.read(yaml.getBytes(StandardCharsets.UTF_8), "store.yaml");
  }

  @Test
  void duplicateKey_isRefusedWithBothLines() {
    assertThatThrownBy(() -> read(MINIMAL + "payment:\n  holdMinor: 500\n  holdMinor: 700\n"))
        .isInstanceOf(StoreConfigException.class)
        .hasMessage("store.yaml:9: payment.holdMinor: duplicate key (first given at line 8)");
    assertThatThrownBy(() -> read(MINIMAL + "review: {whenLate: void}\nreview: {whenLate: void}\n"))
        .hasMessageStartingWith("store.yaml:8: review: duplicate key (first given at line 7)");
  }

  @Test
  void duplicateToken_isRefusedNamingTheFirst_andNeverShowsTheToken() {
    String yaml =
        MINIMAL
            + "security:\n  tokens:\n"
            + "    - {token: demo-admin-x, role: admin}\n"
            + "    - {token: demo-admin-x, role: viewer}\n";
    assertThatThrownBy(() -> read(yaml))
        .hasMessage(
            "store.yaml:10: security.tokens[1].token: duplicate token (the same as"
                + " security.tokens[0].token)")
        .hasMessageNotContaining("demo-admin-x");
  }

  @Test
  void duplicateToken_plainAndItsSha256_isRefused() throws Exception {
    String hex =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest("operator-secret".getBytes(StandardCharsets.UTF_8)));
    String yaml =
        MINIMAL
            + "security:\n  tokens:\n"
            + "    - {token: operator-secret, role: operator}\n"
            + "    - {token: 'sha256:"
            + hex.toUpperCase(java.util.Locale.ROOT)
            + "', role: viewer}\n";
    assertThatThrownBy(() -> read(yaml))
        .hasMessageContaining("security.tokens[1].token: duplicate token");
  }

  @Test
  void sha256Token_mustBe64HexDigits() {
    String head = MINIMAL + "security:\n  tokens:\n    - {role: admin, token: ";
    assertThatThrownBy(() -> read(head + "'sha256:abcd'}\n"))
        .hasMessage(
            "store.yaml:9: security.tokens[0].token: expected sha256: followed by 64 hex digits"
                + " (a SHA-256 of the token), was 4 characters");
    assertThatThrownBy(() -> read(head + "'sha256:zz'}\n"))
        .hasMessageEndingWith("was 2 characters with non-hex ones");
    assertThat(read(head + "'sha256:" + "ab".repeat(32) + "'}\n").tokens()).hasSize(1);
  }

  @Test
  void unknownKeys_underEverySection_areRefused() {
    String[][] cases = {
      {"privacy:\n  retentionDay: {sessions: 30}\n", "store.yaml:8: privacy.retentionDay"},
      {"privacy:\n  retentionDays: {session: 30}\n", "store.yaml:8: privacy.retentionDays.session"},
      {"replenishment:\n  default: {min: 2}\n", "store.yaml:8: replenishment.default"},
      {
        "replenishment:\n  defaults: {minimum: 2}\n", "store.yaml:8: replenishment.defaults.minimum"
      },
      {"security:\n  token: []\n", "store.yaml:8: security.token"},
      {"planogram2: {}\n", "store.yaml:7: planogram2"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> read(MINIMAL + c[0]))
          .as(c[0])
          .isInstanceOf(StoreConfigException.class)
          .hasMessageStartingWith(c[1] + ": unknown field (expected one of ");
    }
    assertThatThrownBy(() -> read(MINIMAL.replace("planogram:\n", "planogram:\n  shelfs: []\n")))
        .hasMessageStartingWith("store.yaml:3: planogram.shelfs: unknown field");
  }

  @Test
  void badValues_nameTheFieldAndLine() {
    assertThatThrownBy(() -> read(MINIMAL + "payment:\n  holdMinor: 0\n"))
        .hasMessage("store.yaml:8: payment.holdMinor: must be between 1 and 10000000, was 0");
    assertThatThrownBy(() -> read(MINIMAL + "payment:\n  declineRate: often\n"))
        .hasMessage(
            "store.yaml:8: payment.declineRate: expected a number between 0 and 1, was 'often'");
    assertThatThrownBy(() -> read(MINIMAL + "privacy:\n  returningCardConsent: maybe\n"))
        .hasMessage(
            "store.yaml:8: privacy.returningCardConsent: expected true or false, was 'maybe'");
    assertThatThrownBy(
            () -> read(MINIMAL + "devices:\n  - {id: d, type: shelf, params: {hz: [1, 2]}}\n"))
        .hasMessage("store.yaml:8: devices[0].params.hz: expected a single value");
  }

  @Test
  void gateway_isSimulatedOrAUsableUrl() {
    String p = MINIMAL + "payment:\n  gateway: ";
    assertThat(read(p + "'https://acquirer.example/v1'\n").payment().gateway())
        .isEqualTo("https://acquirer.example/v1");
    assertThat(read(p + "'http://127.0.0.1:9000'\n").payment().gateway())
        .isEqualTo("http://127.0.0.1:9000");
    assertThatThrownBy(() -> read(p + "'http://acquirer.example'\n"))
        .hasMessage(
            "store.yaml:8: payment.gateway: plain http is allowed only to a loopback host, use"
                + " https");
    assertThatThrownBy(() -> read(p + "simulted\n"))
        .hasMessage(
            "store.yaml:8: payment.gateway: expected simulated or an https URL with a host");
    assertThatThrownBy(() -> read(p + "'https://x.example/a b'\n"))
        .hasMessageStartingWith("store.yaml:8: payment.gateway: not a URL (");
    assertThatThrownBy(() -> read(p + "'https://u:pw@x.example/'\n"))
        .hasMessage(
            "store.yaml:8: payment.gateway: must not have user info, a query or a fragment");
  }

  @Test
  void webLimits_defaultWhenAbsent_readWhenGiven_andCheckedLikeEverythingElse() {
    assertThat(read(MINIMAL).web()).isEqualTo(StoreConfig.WebLimits.DEFAULTS);
    StoreConfig c =
        read(
            MINIMAL
                + "security:\n  rateLimit: {requestsPerMinute: 60, burst: 10, failedAuthPerMinute: 6,"
                + " failedAuthBurst: 3, trackedClients: 50}\n"
                + "  failedAuthAudit: {sourcesPerMinute: 7}\n"
                + "http: {idleTimeoutMs: 2000, maxBodyReaders: 4}\n");
    assertThat(c.web()).isEqualTo(new StoreConfig.WebLimits(60, 10, 6, 3, 50, 7, 2000, 4));
    assertThatThrownBy(() -> read(MINIMAL + "security:\n  rateLimit: {perMinute: 5}\n"))
        .hasMessageStartingWith("store.yaml:8: security.rateLimit.perMinute: unknown field");
    assertThatThrownBy(() -> read(MINIMAL + "security:\n  rateLimit: {burst: 0}\n"))
        .hasMessage("store.yaml:8: security.rateLimit.burst: must be between 1 and 1000000, was 0");
    assertThatThrownBy(() -> read(MINIMAL + "security:\n  rateLimit: 5\n"))
        .hasMessage("store.yaml:8: security.rateLimit: expected a mapping");
    assertThatThrownBy(() -> read(MINIMAL + "http: {idleTimeout: 5}\n"))
        .hasMessageStartingWith("store.yaml:7: http.idleTimeout: unknown field");
  }

  @Test
  void storeRun_badConfig_failsInOneLine_beforeTheDataDirectoryExists(@TempDir Path tmp)
      throws Exception {
    Path config = tmp.resolve("store.yaml");
    Files.writeString(
        config, MINIMAL + "security:\n  tokens:\n    - {token: 'sha256:zz', role: admin}\n");
    Path data = tmp.resolve("data");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AmbientMain.run(
            new String[] {
              "store",
              "run",
              "--config",
              config.toString(),
              "--data",
              data.toString(),
              "--port",
              "0"
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("ambient: [STORE_CONFIG] " + config + ":9: security.tokens[0].token: ")
        .doesNotContain("\n");
    assertThat(data).doesNotExist();
  }
}
