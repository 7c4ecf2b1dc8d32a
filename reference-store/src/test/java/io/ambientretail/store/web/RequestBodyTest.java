package io.ambientretail.store.web;

import static io.ambientretail.store.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every numeric field of every request body is read strictly: JSON integers only, in range, never
 * coerced from a string, a fraction or a number past 64 bits. A refusal is a 400 problem naming the
 * field, and nothing is booked.
 */
class RequestBodyTest {
  private static final String OPERATOR = "demo-operator";

  /** Values that were silently coerced before ({@code asLong}/{@code asInt}). */
  private static final String[] NOT_WHOLE_NUMBERS = {
    "18446744073709551617", "1.9", "1.0", "1e3", "\"3\"", "true", "null", "[1]", "{}"
  };

  private static StoreApp app;
  private static ApiClient api;
  private static String receipt;

  @BeforeAll
  static void startStore() throws Exception {
    Path data = Files.createTempDirectory("store-bodies");
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), data, 0, 3));
    app.simulation().run(4);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
    assertThat(app.awaitReviewsDecided(Duration.ofSeconds(60))).isTrue();
    api = new ApiClient(app.port());
    receipt = json(api.get("/api/receipts", OPERATOR)).get(0).path("receipt").asText();
  }

  @AfterAll
  static void stopStore() {
    app.close();
  }

  private static void assert400Naming(HttpResponse<String> r, String field, String sent)
      throws Exception {
    assertThat(r.statusCode()).as(field + " = " + sent + ": " + r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = json(r);
    assertThat(p.path("detail").asText())
        .as(sent)
        .startsWith("[STORE_BODY_INVALID] " + field + ":");
    assertThat(p.path("code").asText()).isEqualTo("STORE_BODY_INVALID");
  }

  private static int refundCount() throws Exception {
    return json(api.get("/api/refunds", OPERATOR)).size();
  }

  @Test
  void refund_amountMinor_notAWholeNumberInRange_is400_nothingBooked() throws Exception {
    int before = refundCount();
    for (String v : NOT_WHOLE_NUMBERS) {
      assert400Naming(
          api.post(
              "/api/refunds",
              OPERATOR,
              "{\"receipt\":\"" + receipt + "\",\"amountMinor\":" + v + ",\"reason\":\"r\"}"),
          "amountMinor",
          v);
    }
    for (String v : new String[] {"0", "-1", "-9223372036854775808", "9223372036854775808"}) {
      assert400Naming(
          api.post(
              "/api/refunds",
              OPERATOR,
              "{\"receipt\":\"" + receipt + "\",\"amountMinor\":" + v + ",\"reason\":\"r\"}"),
          "amountMinor",
          v);
    }
    assert400Naming(
        api.post("/api/refunds", OPERATOR, "{\"receipt\":\"" + receipt + "\",\"reason\":\"r\"}"),
        "amountMinor",
        "(missing)");
    assertThat(refundCount()).isEqualTo(before);
  }

  @Test
  void restock_qty_notAWholeNumberInRange_is400_stockUnchanged() throws Exception {
    String stockBefore = json(api.get("/api/stock", OPERATOR)).path("lanes").toString();
    for (String v : NOT_WHOLE_NUMBERS) {
      assert400Naming(api.post("/api/stock/A1/restock", OPERATOR, "{\"qty\":" + v + "}"), "qty", v);
    }
    for (String v : new String[] {"0", "-1", "10001", "2147483648", "4294967297"}) {
      assert400Naming(api.post("/api/stock/A1/restock", OPERATOR, "{\"qty\":" + v + "}"), "qty", v);
    }
    assertThat(json(api.get("/api/stock", OPERATOR)).path("lanes").toString())
        .isEqualTo(stockBefore);
  }

  @Test
  void review_lineQty_notAWholeNumberInRange_is400() throws Exception {
    for (String v : NOT_WHOLE_NUMBERS) {
      var r =
          api.post(
              "/api/reviews/se_none",
              OPERATOR,
              "{\"decision\":\"adjust\",\"lines\":[{\"lane\":\"A1\",\"qty\":" + v + "}]}");
      assertThat(r.statusCode()).as(v + ": " + r.body()).isEqualTo(400);
      assertThat(json(r).path("detail").asText()).contains("lines[0].qty");
    }
  }

  @Test
  void consent_granted_mustBeABoolean() throws Exception {
    for (String v : new String[] {"\"true\"", "1", "null"}) {
      assert400Naming(
          api.post("/api/receipts/" + receipt + "/consent", OPERATOR, "{\"granted\":" + v + "}"),
          "granted",
          v);
    }
  }

  @Test
  void textFields_mustBeStrings_andDuplicateKeysAreRefused() throws Exception {
    assert400Naming(
        api.post("/api/refunds", OPERATOR, "{\"receipt\":7,\"amountMinor\":1,\"reason\":\"r\"}"),
        "receipt",
        "7");
    assert400Naming(
        api.post("/api/shopper-tokens", "demo-admin", "{\"shopper\":12}"), "shopper", "12");
    var dup =
        api.post(
            "/api/refunds",
            OPERATOR,
            "{\"receipt\":\""
                + receipt
                + "\",\"amountMinor\":1,\"amountMinor\":2,\"reason\":\"r\"}");
    assertThat(dup.statusCode()).isEqualTo(400);
    assertThat(json(dup).path("detail").asText()).contains("twice", "line 1");
  }

  @Test
  void bodyWithoutJsonContentType_is415() throws Exception {
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
      HttpRequest.Builder b =
          api.request("/api/stock/A1/restock", OPERATOR)
              .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":1}"));
      if (type != null) {
        b.header("Content-Type", type);
      }
      var r = api.send(b.build());
      assertThat(r.statusCode()).as(type + ": " + r.body()).isEqualTo(415);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(json(r).path("detail").asText()).contains("application/json");
    }
    var ok =
        api.send(
            api.request("/api/stock/A1/restock", OPERATOR)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":1}"))
                .build());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
  }
}
