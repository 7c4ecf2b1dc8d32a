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
  private static final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startStore() throws Exception {
    data = Files.createTempDirectory("store-api");
    app = StoreApp.start(StoreApp.Options.demo(
        StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), data, 0, 11));
    app.simulation().run(10);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
  }

  @AfterAll
  static void stopStore() {
    app.close();
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
        + path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
        + path)).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
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
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/problem+json"));
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
    assertThat(post("/api/refunds", "demo-viewer", "{\"receipt\":\"x\",\"amountMinor\":1,"
        + "\"reason\":\"r\"}").statusCode()).isEqualTo(403);
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
    assertThat(html.body()).contains("<table>", "Total", first.path("lines").get(0).path("name")
        .asText().replace("&", "&amp;"));
  }

  @Test
  void shopperToken_seesOnlyItsOwnReceipts() throws Exception {
    JsonNode all = json.readTree(get("/api/receipts", "demo-operator").body());
    String shopper = all.get(0).path("shopper").asText();
    String receipt = all.get(0).path("receipt").asText();
    var issued = post("/api/shopper-tokens", "demo-admin", "{\"shopper\":\"" + shopper + "\"}");
    assertThat(issued.statusCode()).isEqualTo(201);
    String token = json.readTree(issued.body()).path("token").asText();
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
    var ok = post("/api/refunds", "demo-operator", "{\"receipt\":\"" + id
        + "\",\"amountMinor\":1,\"reason\":\"damaged item\"}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    var tooMuch = post("/api/refunds", "demo-operator", "{\"receipt\":\"" + id
        + "\",\"amountMinor\":" + total + ",\"reason\":\"again\"}");
    assertThat(tooMuch.statusCode()).isEqualTo(409);
    assertThat(json.readTree(tooMuch.body()).path("detail").asText()).contains("exceeds");
    JsonNode audit = json.readTree(get("/api/audit", "demo-auditor").body());
    assertThat(audit.toString()).contains("refund.requested", "refund.approved", id);
    JsonNode journal = json.readTree(get("/api/payments", "demo-auditor").body());
    assertThat(journal.toString()).contains("\"op\":\"REFUND\"");
    assertThat(json.readTree(get("/api/audit/verify", "demo-auditor").body()).path("ok")
        .asBoolean()).isTrue();
  }

  @Test
  void badBodies_are400WithWhere() throws Exception {
    var r = post("/api/refunds", "demo-operator", "{\"receipt\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json.readTree(r.body()).path("detail").asText()).contains("line 1");
    var r2 = post("/api/refunds", "demo-operator", "{\"receipt\":\"x\",\"amountMinor\":\"1\","
        + "\"reason\":\"r\"}");
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
    var access = post("/api/dsr", "demo-operator", "{\"shopper\":\"" + shopper
        + "\",\"kind\":\"access\"}");
    assertThat(access.statusCode()).as(access.body()).isEqualTo(201);
    assertThat(json.readTree(access.body()).path("result").path("receipts").size()).isPositive();
    var erase = post("/api/dsr", "demo-operator", "{\"shopper\":\"" + shopper
        + "\",\"kind\":\"erasure\"}");
    assertThat(erase.statusCode()).isEqualTo(201);
    JsonNode after = json.readTree(get("/api/receipts?limit=1000", "demo-operator").body());
    assertThat(after.toString()).doesNotContain(shopper);
    assertThat(post("/api/dsr", "demo-operator", "{\"shopper\":\"" + shopper
        + "\",\"kind\":\"access\"}").statusCode()).isEqualTo(404);
    assertThat(json.readTree(get("/api/audit?limit=1000", "demo-auditor").body()).toString())
        .contains("dsr.access", "dsr.erasure");
  }

  @Test
  void operationalEndpoints_answer() throws Exception {
    for (String p : new String[] {"/api/status", "/api/devices", "/api/plan", "/api/carts",
        "/api/stock", "/api/replenishment", "/api/kpis", "/api/alerts"}) {
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
