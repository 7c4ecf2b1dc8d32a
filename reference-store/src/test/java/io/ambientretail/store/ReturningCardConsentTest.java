package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.TestCards;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Returning-card recognition needs the shopper's consent (sdk-privacy's ConsentRegistry, purpose
 * {@code returning-card}), granted and withdrawn through {@code POST /api/receipts/{id}/consent}:
 * without it each visit gets its own pseudonym, with it the same card keeps one shopper reference
 * (also after a restart), and after a withdrawal or a data-subject erasure the next visit is
 * unlinked again. The fingerprint stays on the session for the fraud limits.
 */
class ReturningCardConsentTest {
  @TempDir Path tmp;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void consent_grantedThenWithdrawn_linksVisitsOnlyWhileGranted() throws Exception {
    // about consent, not payments: every visit must be admitted, so no issuer declines (the
    // demo's 3 % would decline one of these visits of the same card now and then)
    StoreConfig config =
        TestConfigs.withAcquirer(StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), 0, 0.0);
    Path data = tmp.resolve("data");
    String receipt;
    try (StoreApp app = start(config, data)) {
      StoreEngine store = app.engine();
      receipt = kioskReceipt(store, config, 7);
      String first = shopperOf(store, enter(store, 7));
      String second = shopperOf(store, enter(store, 7));
      assertThat(first).startsWith("sv_").isNotEqualTo(second);
      assertThat(fingerprintOf(store, enter(store, 7)))
          .as("kept for fraud limits")
          .startsWith("fp_");

      assertThat(
              post(
                      app,
                      "/api/receipts/" + receipt + "/consent",
                      "demo-viewer",
                      "{\"granted\":true}")
                  .statusCode())
          .as("a viewer may not consent")
          .isEqualTo(403);
      HttpResponse<String> ok =
          post(app, "/api/receipts/" + receipt + "/consent", "demo-operator", "{\"granted\":true}");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(ok.body()).path("granted").asBoolean()).isTrue();
      String a = shopperOf(store, enter(store, 7));
      String b = shopperOf(store, enter(store, 7));
      assertThat(a).startsWith("sh_").isEqualTo(b);
      assertThat(shopperOf(store, enter(store, 8))).as("another card").startsWith("sv_");
    }
    try (StoreApp app = start(config, data)) {
      StoreEngine store = app.engine();
      assertThat(shopperOf(store, enter(store, 7)))
          .as("consent survives a restart")
          .startsWith("sh_");
      assertThat(
              post(
                      app,
                      "/api/receipts/" + receipt + "/consent",
                      "demo-operator",
                      "{\"granted\":false}")
                  .statusCode())
          .isEqualTo(200);
      assertThat(shopperOf(store, enter(store, 7))).as("after withdrawal").startsWith("sv_");
      assertThat(
              post(
                      app,
                      "/api/receipts/" + receipt + "/consent",
                      "demo-operator",
                      "{\"granted\":\"yes\"}")
                  .statusCode())
          .isEqualTo(400);
      // granted again, then erased by a data-subject request: recognition ends with it
      assertThat(
              post(
                      app,
                      "/api/receipts/" + receipt + "/consent",
                      "demo-operator",
                      "{\"granted\":true}")
                  .statusCode())
          .isEqualTo(200);
      String linked = shopperOf(store, enter(store, 7));
      assertThat(linked).startsWith("sh_");
      HttpResponse<String> erased =
          post(
              app,
              "/api/dsr",
              "demo-operator",
              "{\"shopper\":\"" + linked + "\",\"kind\":\"erasure\"}");
      assertThat(erased.statusCode()).as(erased.body()).isEqualTo(201);
      assertThat(shopperOf(store, enter(store, 7))).as("after erasure").startsWith("sv_");
      long audited =
          store
              .database()
              .read(
                  c -> {
                    try (var r =
                        c.createStatement()
                            .executeQuery(
                                "SELECT COUNT(*) FROM audit_log WHERE"
                                    + " action LIKE 'consent.%'")) {
                      r.next();
                      return r.getLong(1);
                    }
                  });
      assertThat(audited).isEqualTo(3);
    }
  }

  private static StoreApp start(StoreConfig config, Path data) {
    return StoreApp.start(
        new StoreApp.Options(
            config, data, null, 0, true, false, ShopperSimulation.Pace.FAST, 1, 1));
  }

  private static String kioskReceipt(StoreEngine store, StoreConfig config, long card) {
    String ks = store.kioskStart();
    store.scan(ks, config.lanes().get(0).gtin().digits14(), null);
    var r = store.kioskPay(ks, TestCards.next(new Random(card))::process);
    assertThat(r.receipt()).as(r.outcome()).isPresent();
    return r.receipt().get().receiptId();
  }

  private static String enter(StoreEngine store, long card) {
    StoreEngine.EntryResult e = store.enter(TestCards.next(new Random(card))::process);
    assertThat(e.admitted()).as(e.declineReason()).isTrue();
    store.exit(e.sessionId());
    return e.sessionId();
  }

  private static String shopperOf(StoreEngine store, String session) {
    return store.database().read(c -> store.sessions().get(c, session)).orElseThrow().shopperRef();
  }

  private static String fingerprintOf(StoreEngine store, String session) {
    return store
        .database()
        .read(c -> store.sessions().get(c, session))
        .orElseThrow()
        .cardFingerprint();
  }

  private HttpResponse<String> post(StoreApp app, String path, String token, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
