package io.ambientretail.store.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API over real loopback HTTP, against a running demo store. */
class StoreApiTest {
  private static Path data;
  private static StoreApp app;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startStore() throws Exception {
    data = Files.createTempDirectory("store-api");
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), data, 0, 11));
    app.simulation().run(10);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
    assertThat(app.awaitReviewsDecided(java.time.Duration.ofSeconds(60))).isTrue();
  }

  @AfterAll
  static void stopStore() {
    app.close();
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void api_withoutToken_is401ProblemDetails() throws Exception {
    var r = get("/api/receipts", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode p = json.readTree(r.body());
    assertThat(p.path("status").asInt()).isEqualTo(401);
    assertThat(p.path("title").asText()).isEqualTo("Unauthorized");
    assertThat(p.path("instance").asText()).isEqualTo("/api/receipts");
  }

  @Test
  void api_withUnknownToken_is401() throws Exception {
    assertThat(get("/api/status", "not-a-token").statusCode()).isEqualTo(401);
  }

  @Test
  void viewer_cannotReadReceiptsOrRefund_403() throws Exception {
    assertThat(get("/api/status", "demo-viewer").statusCode()).isEqualTo(200);
    var r = get("/api/receipts", "demo-viewer");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json.readTree(r.body()).path("detail").asText()).contains("viewer");
    assertThat(
            post(
                    "/api/refunds",
                    "demo-viewer",
                    "{\"receipt\":\"x\",\"amountMinor\":1," + "\"reason\":\"r\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(get("/api/audit", "demo-operator").statusCode()).isEqualTo(403);
  }

  @Test
  void receipts_listedForOperator_andPrintableAsHtml() throws Exception {
    var r = get("/api/receipts", "demo-operator");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode list = json.readTree(r.body());
    assertThat(list.size()).isPositive();
    JsonNode first = list.get(0);
    assertThat(first.path("lines").size()).isPositive();
    assertThat(first.path("total").path("currency").asText()).isEqualTo("EUR");
    var html = get("/api/receipts/" + first.path("receipt").asText() + "/html", "demo-operator");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.body())
        .contains(
            "<table>",
            "Total",
            first.path("lines").get(0).path("name").asText().replace("&", "&amp;"));
  }

  @Test
  void shopperToken_seesOnlyItsOwnReceipts() throws Exception {
    JsonNode all = json.readTree(get("/api/receipts", "demo-operator").body());
    String shopper = all.get(0).path("shopper").asText();
    String receipt = all.get(0).path("receipt").asText();
    var issued = post("/api/shopper-tokens", "demo-admin", "{\"shopper\":\"" + shopper + "\"}");
    assertThat(issued.statusCode()).isEqualTo(201);
    String token = json.readTree(issued.body()).path("token").asText();
    // the grant of the shopper role is audited, naming the shopper only by pseudonym
    String audit = get("/api/audit?limit=200&skip=access.check", "demo-auditor").body();
    assertThat(audit).contains("role.grant", "token.issued", "shopper:ps_").doesNotContain(shopper);
    JsonNode mine = json.readTree(get("/api/receipts", token).body());
    assertThat(mine.size()).isPositive();
    for (JsonNode r : mine) {
      assertThat(r.path("shopper").asText()).isEqualTo(shopper);
    }
    assertThat(get("/api/receipts/" + receipt, token).statusCode()).isEqualTo(200);
    String other = null;
    for (JsonNode r : all) {
      if (!r.path("shopper").asText().equals(shopper)) {
        other = r.path("receipt").asText();
      }
    }
    assertThat(other).as("a receipt of another shopper").isNotNull();
    assertThat(get("/api/receipts/" + other, token).statusCode()).isEqualTo(404);
    assertThat(get("/api/stock", token).statusCode()).isEqualTo(403);
    assertThat(post("/api/shopper-tokens", "demo-operator", "{\"shopper\":\"x\"}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void refund_byOperator_isJournalledAndAudited_andCannotExceedTheReceipt() throws Exception {
    JsonNode rc = json.readTree(get("/api/receipts", "demo-operator").body()).get(0);
    String id = rc.path("receipt").asText();
    long total = rc.path("total").path("minor").asLong();
    var ok =
        post(
            "/api/refunds",
            "demo-operator",
            "{\"receipt\":\"" + id + "\",\"amountMinor\":1,\"reason\":\"damaged item\"}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    var tooMuch =
        post(
            "/api/refunds",
            "demo-operator",
            "{\"receipt\":\"" + id + "\",\"amountMinor\":" + total + ",\"reason\":\"again\"}");
    assertThat(tooMuch.statusCode()).isEqualTo(409);
    assertThat(json.readTree(tooMuch.body()).path("detail").asText()).contains("exceeds");
    JsonNode audit = json.readTree(get("/api/audit", "demo-auditor").body());
    assertThat(audit.toString()).contains("refund.requested", "refund.approved", id);
    JsonNode journal = json.readTree(get("/api/payments", "demo-auditor").body());
    assertThat(journal.toString()).contains("\"op\":\"REFUND\"");
    assertThat(
            json.readTree(get("/api/audit/verify", "demo-auditor").body()).path("ok").asBoolean())
        .isTrue();
  }

  @Test
  void badBodies_are400WithWhere() throws Exception {
    var r = post("/api/refunds", "demo-operator", "{\"receipt\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json.readTree(r.body()).path("detail").asText()).contains("line 1");
    var r2 =
        post(
            "/api/refunds",
            "demo-operator",
            "{\"receipt\":\"x\",\"amountMinor\":\"1\"," + "\"reason\":\"r\"}");
    assertThat(r2.statusCode()).isEqualTo(400);
    assertThat(json.readTree(r2.body()).path("detail").asText()).contains("amountMinor");
    var big = post("/api/dsr", "demo-operator", "{\"x\":\"" + "a".repeat(70_000) + "\"}");
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(get("/api/receipts?limit=0", "demo-operator").statusCode()).isEqualTo(400);
    assertThat(get("/api/nothing-here", "demo-operator").statusCode()).isEqualTo(404);
  }

  @Test
  void dsr_accessThenErasure_removesCardDataAndIsAudited() throws Exception {
    JsonNode rc = json.readTree(get("/api/receipts?limit=1000", "demo-operator").body());
    String shopper = rc.get(rc.size() - 1).path("shopper").asText();
    var access =
        post("/api/dsr", "demo-operator", "{\"shopper\":\"" + shopper + "\",\"kind\":\"access\"}");
    assertThat(access.statusCode()).as(access.body()).isEqualTo(201);
    JsonNode a = json.readTree(access.body());
    assertThat(a.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(a.path("result").path("receipts").size()).isPositive();
    assertThat(a.path("result").path("card-data").size()).isPositive();
    assertThat(a.path("subject").asText()).startsWith("ps_");
    var export = get("/api/dsr/" + a.path("dsr").asText() + "/export", "demo-operator");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(json.readTree(export.body()).path("records").size()).isPositive();
    var erase =
        post("/api/dsr", "demo-operator", "{\"shopper\":\"" + shopper + "\",\"kind\":\"erasure\"}");
    assertThat(erase.statusCode()).isEqualTo(201);
    assertThat(json.readTree(erase.body()).path("proof").asText()).contains("sha256");
    JsonNode after = json.readTree(get("/api/receipts?limit=1000", "demo-operator").body());
    assertThat(after.toString()).doesNotContain(shopper);
    assertThat(
            post(
                    "/api/dsr",
                    "demo-operator",
                    "{\"shopper\":\"" + shopper + "\",\"kind\":\"access\"}")
                .statusCode())
        .isEqualTo(404);
    String audit = json.readTree(get("/api/audit?limit=1000", "demo-auditor").body()).toString();
    assertThat(audit)
        .contains("dsr.access", "dsr.delete", "dsr.complete", "dsr.submitted")
        .doesNotContain(shopper);
    JsonNode list = json.readTree(get("/api/dsr", "demo-operator").body());
    assertThat(list.toString()).contains(a.path("dsr").asText()).doesNotContain(shopper);
  }

  @Test
  void dsr_objectIsRecordedInConsent_rectifyIsRejectedWithWhatTheStoreHolds() throws Exception {
    JsonNode rc = json.readTree(get("/api/receipts?limit=1000", "demo-operator").body());
    String shopper = rc.get(0).path("shopper").asText();
    String receipt = rc.get(0).path("receipt").asText();
    var object =
        post(
            "/api/dsr",
            "demo-operator",
            "{\"shopper\":\"" + shopper + "\",\"kind\":\"object\",\"purpose\":\"marketing\"}");
    assertThat(object.statusCode()).as(object.body()).isEqualTo(201);
    JsonNode o = json.readTree(object.body());
    assertThat(o.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(o.path("steps").toString()).contains("\"store\":\"consent\"");
    String audit = get("/api/audit?limit=200&skip=access.check", "demo-auditor").body();
    assertThat(audit).contains("consent.object").doesNotContain(shopper);
    var rectify =
        post(
            "/api/dsr",
            "demo-operator",
            "{\"shopper\":\""
                + shopper
                + "\",\"kind\":\"rectify\",\"store\":\"receipts\",\"record\":\""
                + receipt
                + "\",\"field\":\"total\",\"value\":\"0\"}");
    assertThat(rectify.statusCode()).isEqualTo(201);
    JsonNode r = json.readTree(rectify.body());
    // the store holds nothing the shopper provided: refused with the reason, on the API
    assertThat(r.path("state").asText()).as(r.toString()).isEqualTo("REJECTED");
    assertThat(r.path("refusal").asText())
        .contains("no name, e-mail", "financial records", "refund");
    JsonNode again =
        json.readTree(get("/api/dsr/" + r.path("dsr").asText(), "demo-operator").body());
    assertThat(again.path("refusal").asText()).isEqualTo(r.path("refusal").asText());
    var unknown =
        post(
            "/api/dsr",
            "demo-operator",
            "{\"shopper\":\""
                + shopper
                + "\",\"kind\":\"rectify\",\"store\":\"loyalty\",\"record\":\"x\",\"field\":\"f\","
                + "\"value\":\"v\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json.readTree(unknown.body()).path("detail").asText()).contains("card-data");
  }

  @Test
  void dsr_badKindOrMissingRectifyField_is400() throws Exception {
    var bad = post("/api/dsr", "demo-operator", "{\"shopper\":\"sh_x\",\"kind\":\"forget\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json.readTree(bad.body()).path("detail").asText()).contains("kind");
    var rect = post("/api/dsr", "demo-operator", "{\"shopper\":\"sh_x\",\"kind\":\"rectify\"}");
    assertThat(rect.statusCode()).isEqualTo(400);
    assertThat(json.readTree(rect.body()).path("detail").asText()).contains("store");
  }

  @Test
  void retention_reportOnTheApi() throws Exception {
    var run = post("/api/privacy/retention", "demo-operator", "{}");
    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    JsonNode r = json.readTree(get("/api/privacy/retention", "demo-operator").body());
    assertThat(r.has("deleted")).isTrue();
    assertThat(r.path("failures").isArray()).isTrue();
    assertThat(r.path("failures").size()).isZero();
  }

  @Test
  void auditCheckpoint_isSignedAndVerifiesWithTheStoreKey() throws Exception {
    var r = get("/api/audit/checkpoint", "demo-auditor");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode cp = json.readTree(r.body());
    var note = io.ambientretail.privacy.audit.SignedCheckpoint.parse(cp.path("note").asText());
    var verified =
        io.ambientretail.privacy.audit.CheckpointVerifier.fromVerifierKey(
                cp.path("verifierKey").asText(), note.checkpoint().origin())
            .verify(note);
    assertThat(verified.origin()).isEqualTo(app.config().storeId() + "/audit");
    assertThat(verified.size()).isEqualTo(cp.path("size").asLong()).isPositive();
    assertThat(verified.root().hex()).isEqualTo(cp.path("root").asText());
    JsonNode v = json.readTree(get("/api/audit/verify", "demo-auditor").body());
    assertThat(v.path("ok").asBoolean()).isTrue();
    assertThat(v.path("entries").asLong()).isGreaterThanOrEqualTo(verified.size());
    assertThat(get("/api/audit/checkpoint", "demo-viewer").statusCode()).isEqualTo(403);
  }

  @Test
  void everyPermissionCheck_isAudited_allowedAndDenied() throws Exception {
    assertThat(get("/api/payments", "demo-viewer").statusCode()).isEqualTo(403);
    assertThat(get("/api/payments", "demo-operator").statusCode()).isEqualTo(200);
    assertThat(get("/api/payments", "no-such-token").statusCode()).isEqualTo(401);
    JsonNode audit = json.readTree(get("/api/audit?limit=50", "demo-auditor").body());
    boolean denied = false;
    boolean allowed = false;
    boolean unauthenticated = false;
    // failed authentications: a source's first each minute at once (whatever its path), the rest
    // of the minute as a summary; this test's may be counted in a summary not yet written
    unauthenticated =
        app.engine().database().read(c -> app.engine().audit().recent(c, 100_000)).stream()
            .anyMatch(
                e ->
                    e.action().equals("auth.token")
                        && e.outcome().equals("FAILURE")
                        && e.origin().equals("api 127.0.0.1"));
    for (JsonNode e : audit) {
      if (!e.path("target").asText().equals("/api/payments")) {
        continue;
      }
      assertThat(e.path("origin").asText()).startsWith("api ");
      if (e.path("action").asText().equals("access.check")) {
        assertThat(e.path("detail").asText()).isEqualTo("permission=payments.read");
        denied |=
            e.path("outcome").asText().equals("FAILURE")
                && e.path("actor").asText().startsWith("viewer-token");
        allowed |=
            e.path("outcome").asText().equals("SUCCESS")
                && e.path("actor").asText().startsWith("operator-token");
      }
    }
    assertThat(denied).as("denied check audited").isTrue();
    assertThat(allowed).as("allowed check audited").isTrue();
    assertThat(unauthenticated).as("unknown token audited").isTrue();
  }

  /** Every route of the OpenAPI document, and for each a token whose role lacks its permission. */
  @Test
  void everyApiRoute_401WithoutToken_403ForARoleWithoutThePermission() throws Exception {
    String receipt =
        json.readTree(get("/api/receipts", "demo-operator").body()).get(0).path("receipt").asText();
    String shopperToken =
        json.readTree(
                post("/api/shopper-tokens", "demo-admin", "{\"shopper\":\"sh_routes-test\"}")
                    .body())
            .path("token")
            .asText();
    String[][] routes = {
      {"GET", "/api/status", shopperToken},
      {"GET", "/api/devices", shopperToken},
      {"GET", "/api/sessions", "demo-viewer"},
      {"GET", "/api/sessions/{id}", "demo-viewer"},
      {"POST", "/api/sessions/{id}/exit-gate", "demo-auditor"},
      {"GET", "/api/carts", shopperToken},
      {"GET", "/api/plan", shopperToken},
      {"GET", "/api/receipts", "demo-viewer"},
      {"GET", "/api/receipts/{id}", "demo-viewer"},
      {"GET", "/api/receipts/{id}/html", "demo-viewer"},
      {"POST", "/api/receipts/{id}/consent", "demo-viewer"},
      {"GET", "/api/payments", "demo-viewer"},
      {"GET", "/api/refunds", "demo-viewer"},
      {"POST", "/api/refunds", "demo-auditor"},
      {"GET", "/api/stock", shopperToken},
      {"POST", "/api/stock/{lane}/restock", "demo-viewer"},
      {"GET", "/api/replenishment", shopperToken},
      {"GET", "/api/kpis", shopperToken},
      {"GET", "/api/alerts", shopperToken},
      {"GET", "/api/dsr", "demo-auditor"},
      {"POST", "/api/dsr", "demo-viewer"},
      {"GET", "/api/dsr/{id}", "demo-viewer"},
      {"POST", "/api/dsr/{id}/resume", "demo-viewer"},
      {"GET", "/api/dsr/{id}/export", "demo-auditor"},
      {"GET", "/api/privacy/retention", "demo-viewer"},
      {"POST", "/api/privacy/retention", "demo-auditor"},
      {"GET", "/api/audit", "demo-operator"},
      {"GET", "/api/audit/verify", "demo-operator"},
      {"GET", "/api/audit/checkpoint", "demo-operator"},
      {"POST", "/api/shopper-tokens", "demo-operator"},
      {"GET", "/api/events", shopperToken},
      {"GET", "/api/reviews", "demo-viewer"},
      {"GET", "/api/reviews/{id}", shopperToken},
      {"POST", "/api/reviews/{id}", "demo-auditor"}
    };
    java.util.Set<String> covered = new java.util.HashSet<>();
    for (String[] r : routes) {
      covered.add(r[0] + " " + r[1]);
      String path =
          r[1].replace("{id}", r[1].startsWith("/api/receipts") ? receipt : "x")
              .replace("{lane}", "A1");
      var none = r[0].equals("GET") ? get(path, null) : post(path, null, "{}");
      assertThat(none.statusCode()).as(r[0] + " " + path + " without a token").isEqualTo(401);
      var lacking = r[0].equals("GET") ? get(path, r[2]) : post(path, r[2], "{}");
      assertThat(lacking.statusCode()).as(r[0] + " " + path + " " + lacking.body()).isEqualTo(403);
      assertThat(json.readTree(lacking.body()).path("title").asText()).isEqualTo("Forbidden");
    }
    JsonNode paths = json.readTree(get("/openapi.json", null).body()).path("paths");
    java.util.Set<String> documented = new java.util.HashSet<>();
    paths
        .fields()
        .forEachRemaining(
            p -> {
              if (p.getKey().startsWith("/api/")) {
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          if (java.util.Set.of("get", "post", "put", "patch", "delete")
                              .contains(m)) {
                            documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                          }
                        });
              }
            });
    assertThat(covered).as("every documented /api/ route is checked here").containsAll(documented);
  }

  @Test
  void operationalEndpoints_answer() throws Exception {
    for (String p :
        new String[] {
          "/api/status",
          "/api/devices",
          "/api/plan",
          "/api/carts",
          "/api/stock",
          "/api/replenishment",
          "/api/kpis",
          "/api/alerts"
        }) {
      assertThat(get(p, "demo-viewer").statusCode()).as(p).isEqualTo(200);
    }
    JsonNode kpis = json.readTree(get("/api/kpis", "demo-viewer").body());
    assertThat(kpis.path("receipts").asLong()).isPositive();
    assertThat(kpis.path("basketSize").asDouble()).isPositive();
    assertThat(kpis.path("conversion").asDouble()).isBetween(0.01, 1.0);
    JsonNode stock = json.readTree(get("/api/stock", "demo-viewer").body());
    for (JsonNode l : stock.path("lanes")) {
      assertThat(l.path("onHand").asInt()).isEqualTo(l.path("ledgerSum").asInt());
    }
    assertThat(get("/api/sessions", "demo-auditor").statusCode()).isEqualTo(200);
  }

  @Test
  void healthMetricsAndOpenapi_needNoToken() throws Exception {
    var h = get("/health", null);
    assertThat(h.statusCode()).isEqualTo(200);
    assertThat(json.readTree(h.body()).path("status").asText()).isEqualTo("UP");
    var m = get("/metrics", null);
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body()).contains("store_receipts_total", "store_checkout_latency_seconds");
    JsonNode api = json.readTree(get("/openapi.json", null).body());
    assertThat(api.path("openapi").asText()).startsWith("3.");
    assertThat(api.path("paths").has("/api/receipts")).isTrue();
    assertThat(api.path("paths").has("/api/dsr")).isTrue();
  }
}
