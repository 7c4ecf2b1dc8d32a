package io.ambientretail.store.web;

import static io.ambientretail.store.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP hygiene of the store's server: specific 404s keep their detail, unsupported methods on known
 * paths are 405 with {@code Allow}, Jetty's own refusals (400, 414, 431) are problem JSON, security
 * headers are on every answer, refund reasons with control characters are refused, and the event
 * stream needs {@code Accept: text/event-stream}.
 */
class HttpHygieneTest {
  private static final String OPERATOR = "demo-operator";
  private static StoreApp app;
  private static ApiClient api;

  @BeforeAll
  static void startStore() throws Exception {
    Path data = Files.createTempDirectory("store-http");
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(StoreKind.MICROMARKET), data, 0, 2));
    api = new ApiClient(app.port());
  }

  @AfterAll
  static void stopStore() {
    app.close();
  }

  @Test
  void unknownReceiptOrSession_404_saysWhichWasNotFound() throws Exception {
    var r = api.get("/api/receipts/rc_nope", OPERATOR);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).path("detail").asText()).contains("no receipt rc_nope");
    var s = api.get("/api/sessions/se_nope", OPERATOR);
    assertThat(json(s).path("detail").asText()).contains("no session se_nope");
    var p = api.get("/api/nothing-here", OPERATOR);
    assertThat(p.statusCode()).isEqualTo(404);
    assertThat(json(p).path("detail").asText()).isEqualTo("no resource at /api/nothing-here");
  }

  @Test
  void unsupportedMethodOnAKnownPath_is405_withAllow() throws Exception {
    for (String method : new String[] {"PUT", "DELETE", "PATCH", "TRACE"}) {
      var r =
          api.send(
              api.request("/api/receipts", OPERATOR)
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(r.statusCode()).as(method + ": " + r.body()).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).hasValue("GET");
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(json(r).path("detail").asText()).contains(method, "allowed: GET");
    }
    var refunds =
        api.send(
            api.request("/api/refunds", OPERATOR)
                .method("PUT", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(refunds.headers().firstValue("Allow")).hasValue("GET, POST");
    var health =
        api.send(
            api.request("/health", null)
                .method("PUT", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(health.statusCode()).isEqualTo(405);
    // a path that does not exist stays 404 whatever the method
    var none =
        api.send(
            api.request("/api/nothing", OPERATOR)
                .method("PUT", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(none.statusCode()).isEqualTo(404);
  }

  @Test
  void jettyRefusals_areProblemJson_notHtml() throws Exception {
    assertRawProblem("GET /api/status HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", 400);
    assertRawProblem("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
    assertRawProblem(
        "GET /api/status HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 431);
  }

  private static void assertRawProblem(String request, int status) throws Exception {
    String answer;
    try (Socket s = new Socket("127.0.0.1", app.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      answer = b.toString(StandardCharsets.UTF_8);
    }
    String head =
        answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    assertThat(head).as(answer).startsWith("http/1.1 " + status);
    assertThat(head).contains("content-type: application/problem+json");
    assertThat(body).doesNotContain("<html");
    JsonNode p = new ObjectMapper().readTree(body.substring(body.indexOf('{')));
    assertThat(p.path("status").asInt()).isEqualTo(status);
  }

  @Test
  void securityHeaders_onDashboardApiAndErrors() throws Exception {
    var dash = api.get("/", null);
    assertThat(dash.statusCode()).isEqualTo(200);
    assertThat(dash.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(dash.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(dash.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            c -> assertThat(c).contains("script-src 'self'", "frame-ancestors 'none'"));
    var status = api.get("/api/status", "demo-viewer");
    assertThat(status.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(status.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    var denied = api.get("/api/receipts", null);
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(denied.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(denied.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void refundReason_withControlCharacters_isRefused400() throws Exception {
    for (String reason :
        new String[] {"bell\\u0007", "two\\nlines", "rtl\\u202eevil", "nul\\u0000"}) {
      var r =
          api.post(
              "/api/refunds",
              OPERATOR,
              "{\"receipt\":\"rc_x\",\"amountMinor\":1,\"reason\":\"" + reason + "\"}");
      assertThat(r.statusCode()).as(reason + ": " + r.body()).isEqualTo(400);
      assertThat(json(r).path("detail").asText()).contains("reason: control character U+");
    }
  }

  @Test
  void events_withoutEventStreamAccept_is406() throws Exception {
    for (String accept : new String[] {null, "*/*", "application/json"}) {
      HttpRequest.Builder b = api.request("/api/events", OPERATOR).GET();
      if (accept != null) {
        b.header("Accept", accept);
      }
      var r = api.send(b.build());
      assertThat(r.statusCode()).as(accept + ": " + r.body()).isEqualTo(406);
      assertThat(json(r).path("detail").asText()).contains("Accept: text/event-stream");
    }
    HttpResponse<InputStream> stream =
        api.http()
            .send(
                api.request("/api/events", OPERATOR)
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = stream.body()) {
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
    }
  }
}
