package io.ambientretail.store.web;

import static io.ambientretail.store.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.Role;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code erased} (every erased shopper's records) and {@code kiosk} (kiosk visits) name no shopper:
 * no shopper token is issued for them, and a token issued for one earlier resolves to nobody.
 */
class ReservedSubjectTokenTest {
  @TempDir Path tmp;
  private StoreApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void shopperToken_forErasedOrKiosk_is400_andNoTokenIsStored() throws Exception {
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT),
                tmp.resolve("data"),
                0,
                4));
    app.simulation().run(3);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
    assertThat(app.awaitReviewsDecided(Duration.ofSeconds(60))).isTrue();
    ApiClient api = new ApiClient(app.port());
    // erase one shopper so that receipts under "erased" exist
    String shopper =
        json(api.get("/api/receipts", "demo-operator")).get(0).path("shopper").asText();
    assertThat(
            api.post(
                    "/api/dsr",
                    "demo-operator",
                    "{\"shopper\":\"" + shopper + "\",\"kind\":\"delete\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(json(api.get("/api/receipts", "demo-operator")).toString()).contains("\"erased\"");
    int tokensBefore = tokenRows();
    for (String reserved : new String[] {"erased", "kiosk", "ERASED", " erased "}) {
      var r = api.post("/api/shopper-tokens", "demo-admin", "{\"shopper\":\"" + reserved + "\"}");
      assertThat(r.statusCode()).as(reserved + ": " + r.body()).isEqualTo(400);
      assertThat(json(r).path("code").asText()).isEqualTo("STORE_SUBJECT_RESERVED");
      assertThat(json(r).path("detail").asText()).contains("shopper:", "reserved");
    }
    assertThat(tokenRows()).isEqualTo(tokensBefore);
    // a real shopper still gets one
    assertThat(
            api.post("/api/shopper-tokens", "demo-admin", "{\"shopper\":\"sh_someone\"}")
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void tokenIssuedForErasedBeforeTheFix_resolvesToNobody() throws Exception {
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(StoreKind.MICROMARKET),
                tmp.resolve("data"),
                0,
                4));
    var db = app.engine().database();
    insertToken(db, "st_old-erased", "erased");
    insertToken(db, "st_old-kiosk", "kiosk");
    insertToken(db, "st_real", "sh_real");
    ApiTokens tokens = new ApiTokens(app.config(), db, app.access());
    assertThat(tokens.resolve("st_old-erased")).isEmpty();
    assertThat(tokens.resolve("st_old-kiosk")).isEmpty();
    assertThat(tokens.resolve("st_real").map(ApiPrincipal::shopperRef)).hasValue("sh_real");
  }

  private static void insertToken(
      io.ambientretail.store.db.Database db, String token, String shopper) {
    db.tx(
        c -> {
          try (var p =
              c.prepareStatement(
                  "INSERT INTO api_tokens (token_hash, role, shopper_ref, created_ms)"
                      + " VALUES (?,?,?,0)")) {
            p.setString(1, ApiTokens.sha256(token));
            p.setString(2, Role.SHOPPER.name());
            p.setString(3, shopper);
            p.executeUpdate();
          }
          return null;
        });
  }

  private int tokenRows() {
    return app.engine()
        .database()
        .read(
            c -> {
              try (var q = c.prepareStatement("SELECT COUNT(*) FROM api_tokens");
                  var r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
              }
            });
  }
}
