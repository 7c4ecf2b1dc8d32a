package io.ambientretail.store.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A flood of requests without a valid token over real loopback HTTP: the audit log grows by a
 * bounded number of entries, the flood is answered 429 with {@code Retry-After} once over the
 * source's limit, and a valid token from the same address still gets in.
 */
class AuthFloodTest {
  private static final int FAILED_BURST = 50;
  private static Path data;
  private static StoreApp app;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startStore() throws Exception {
    data = Files.createTempDirectory("store-auth-flood");
    StoreConfig cfg =
        StoreConfigReader.withDefaults()
            .demo(StoreKind.MICROMARKET)
            .withWeb(
                new StoreConfig.WebLimits(100_000, 100_000, 60, FAILED_BURST, 1000, 10, 5000, 32));
    app = StoreApp.start(StoreApp.Options.demo(cfg, data, 0, 3));
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

  private static long auditSize() {
    return app.engine().database().read(c -> app.engine().audit().size(c));
  }

  @Test
  void badTokenFlood_auditGrowsBounded_then429WithRetryAfter_validTokenStillServed()
      throws Exception {
    long before = auditSize();
    int unauthorized = 0;
    int limited = 0;
    HttpResponse<String> lastLimited = null;
    int n = 2000;
    for (int i = 0; i < n; i++) {
      var r = get("/api/status", i % 2 == 0 ? "bad-token-" + i : null);
      if (r.statusCode() == 401) {
        unauthorized++;
      } else if (r.statusCode() == 429) {
        limited++;
        lastLimited = r;
      } else {
        throw new AssertionError("unexpected " + r.statusCode() + " " + r.body());
      }
    }
    // the burst, and what refilled at 1 a second while the loop ran
    assertThat(unauthorized).isGreaterThanOrEqualTo(FAILED_BURST).isLessThan(FAILED_BURST + 200);
    assertThat(limited).isEqualTo(n - unauthorized);
    assertThat(lastLimited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 2L));
    assertThat(lastLimited.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode p = json.readTree(lastLimited.body());
    assertThat(p.path("status").asInt()).isEqualTo(429);
    assertThat(p.path("title").asText()).isEqualTo("Too Many Requests");

    // a valid token from the same (rate-limited) address is served
    assertThat(get("/api/status", "demo-viewer").statusCode()).isEqualTo(200);

    // one entry at once, one summary per minute passed: at most a few, not one per request
    long grown = auditSize() - before;
    assertThat(grown).isBetween(1L, 6L);
    JsonNode audit = json.readTree(get("/api/audit?limit=50", "demo-auditor").body());
    boolean immediate = false;
    for (JsonNode e : audit) {
      immediate |=
          e.path("action").asText().equals("auth.token")
              && e.path("outcome").asText().equals("FAILURE")
              && e.path("origin").asText().equals("api 127.0.0.1");
    }
    assertThat(immediate).as("the first failure is audited at once").isTrue();
  }
}
