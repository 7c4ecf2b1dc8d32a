package io.ambientretail.store.web;

import static io.ambientretail.store.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What each role reads on each route and on the live event stream: the viewer never sees a card
 * fingerprint ({@code fp_}), a shopper reference ({@code sh_}, {@code sv_}) or an audit pseudonym
 * ({@code ps_}); operator, auditor and admin do.
 */
class PersonalDataViewTest {
  private static final Pattern PERSONAL = Pattern.compile("\\b(?:fp|sv|sh|ps)_[A-Za-z0-9_-]+");
  private static final String[] VIEWER_ROUTES = {
    "/api/status",
    "/api/devices",
    "/api/plan",
    "/api/carts",
    "/api/stock",
    "/api/replenishment",
    "/api/kpis",
    "/api/alerts",
    "/api/alerts?state=all"
  };
  private static StoreApp app;
  private static ApiClient api;
  private static final List<String> viewerEvents = new CopyOnWriteArrayList<>();
  private static final List<String> operatorEvents = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startStore() throws Exception {
    Path data = Files.createTempDirectory("store-personal");
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT), data, 0, 8));
    api = new ApiClient(app.port());
    listen("demo-viewer", viewerEvents);
    listen("demo-operator", operatorEvents);
    await(() -> !viewerEvents.isEmpty() && !operatorEvents.isEmpty(), "both streams open");
    // an unusual-payments alert on a card fingerprint, as the store raises it
    app.engine()
        .database()
        .tx(
            c ->
                app.engine()
                    .alerts()
                    .raise(
                        c,
                        "unusual_payments",
                        "fp_testcard0001",
                        "3 declines on one card in 10 minutes",
                        System.currentTimeMillis()));
    app.simulation().run(4);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
    assertThat(app.awaitReviewsDecided(Duration.ofSeconds(60))).isTrue();
    await(
        () -> operatorEvents.stream().anyMatch(l -> l.contains("\"shopper\":\"s")),
        "a session event with its shopper on the operator's stream");
  }

  @AfterAll
  static void stopStore() {
    app.close();
  }

  private static void listen(String token, List<String> into) {
    var r =
        api.request("/api/events", token)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofMinutes(5))
            .GET()
            .build();
    api.http()
        .sendAsync(r, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(resp -> resp.body().forEach(into::add));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  @Test
  void viewer_readsNoPersonalValue_onAnyRoute() throws Exception {
    for (String route : VIEWER_ROUTES) {
      var r = api.get(route, "demo-viewer");
      assertThat(r.statusCode()).as(route).isEqualTo(200);
      assertThat(PERSONAL.matcher(r.body()).find()).as(route + ": " + r.body()).isFalse();
    }
    String alerts = api.get("/api/alerts?state=all", "demo-viewer").body();
    assertThat(alerts).contains("unusual_payments", "\"subject\":\"withheld\"");
  }

  @Test
  void staffRoles_readTheFingerprint_inAlerts() throws Exception {
    for (String token : new String[] {"demo-operator", "demo-auditor", "demo-admin"}) {
      assertThat(api.get("/api/alerts?state=all", token).body())
          .as(token)
          .contains("fp_testcard0001");
    }
  }

  @Test
  void viewer_eventStream_withholdsShopperReferences_operatorStreamHasThem() throws Exception {
    await(
        () -> {
          long v = count(String.join("\n", viewerEvents), "event: receipt");
          return v > 0 && v == count(String.join("\n", operatorEvents), "event: receipt");
        },
        "the same receipts on both streams");
    String viewer = String.join("\n", viewerEvents);
    String operator = String.join("\n", operatorEvents);
    assertThat(viewer).contains("event: session", "\"shopper\":\"withheld\"");
    assertThat(PERSONAL.matcher(viewer).find()).as(viewer).isFalse();
    assertThat(PERSONAL.matcher(operator).find()).isTrue();
  }

  @Test
  void viewer_isStillRefusedPersonalRoutes() throws Exception {
    for (String route : new String[] {"/api/sessions", "/api/payments", "/api/receipts"}) {
      assertThat(api.get(route, "demo-viewer").statusCode()).as(route).isEqualTo(403);
    }
    var sessions = json(api.get("/api/sessions", "demo-auditor"));
    assertThat(
            Stream.of(sessions.toString())
                .anyMatch(s -> s.contains("\"shopper\":\"sh_") || s.contains("\"shopper\":\"sv_")))
        .isTrue();
  }

  private static long count(String text, String what) {
    return text.lines().filter(l -> l.equals(what)).count();
  }
}
