package io.ambientretail.store.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.devices.lock.LockSimulator;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.TestCards;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote override of an exit gate that did not open after a settled walk-out exit, through
 * {@code POST /api/sessions/{id}/exit-gate} over real loopback HTTP, with the gate's relay a
 * sdk-devices lock simulator over an in-process line that can be made to stop acknowledging.
 */
class ExitGateOverrideTest {
  @TempDir Path tmp;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private SimulatedAcquirer acquirer;
  private StoreApp app;
  private StoreEngine store;
  private LockSimulator gate;

  @BeforeEach
  void start() throws Exception {
    acquirer = SimulatedAcquirer.start();
    StoreConfig demo = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
    StoreConfig config =
        new StoreConfig(
            demo.storeId(),
            demo.name(),
            demo.kind(),
            demo.region(),
            demo.privacyRegime(),
            demo.currency(),
            demo.zone(),
            new StoreConfig.Payment(acquirer.uri().toString(), 500, 0, 0.0),
            demo.devices(),
            demo.shelves(),
            demo.replenishment(),
            demo.privacy(),
            demo.tokens());
    app =
        StoreApp.start(
            new StoreApp.Options(
                config,
                tmp.resolve("data"),
                null,
                0,
                true,
                false,
                ShopperSimulation.Pace.FAST,
                1,
                1));
    store = app.engine();
    gate = app.devices().lock("exit-gate-1");
    Conditions.await(
        () -> Boolean.TRUE.equals(app.devices().online().get("door-1")), "door-1 online");
    Conditions.await(
        () -> Boolean.TRUE.equals(app.devices().online().get("exit-gate-1")), "exit-gate-1 online");
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (acquirer != null) {
      acquirer.close();
    }
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> override(String session, String token) throws Exception {
    return send("POST", "/api/sessions/" + session + "/exit-gate", token);
  }

  private List<JsonNode> openAlerts(String kind, String subject) throws Exception {
    HttpResponse<String> r = send("GET", "/api/alerts", "demo-operator");
    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : json.readTree(r.body())) {
      if (a.path("kind").asText().equals(kind) && a.path("subject").asText().equals(subject)) {
        out.add(a);
      }
    }
    return out;
  }

  private String settledExitWithTheGateSilent() {
    StoreEngine.EntryResult e = store.enter(TestCards.next(new Random(21)));
    assertThat(e.admitted()).as(e.declineReason()).isTrue();
    gate.silent(true);
    StoreEngine.CheckoutResult out = store.exit(e.sessionId());
    assertThat(out.outcome()).startsWith("nothing taken");
    assertThat(gate.isLocked()).as("a silent gate stays shut").isTrue();
    return e.sessionId();
  }

  @Test
  void gateSilentAtExit_raisesAlert_overrideReportsItStillSilent_thenOpensItOnceItAnswers()
      throws Exception {
    String sid = settledExitWithTheGateSilent();
    assertThat(openAlerts("exit_gate_failed", sid))
        .singleElement()
        .satisfies(
            a -> assertThat(a.path("message").asText()).contains("exit-gate-1", "did not open"));

    HttpResponse<String> still = override(sid, "demo-operator");
    assertThat(still.statusCode()).as(still.body()).isEqualTo(200);
    JsonNode s = json.readTree(still.body());
    assertThat(s.path("result").asText()).isEqualTo("not_answering");
    assertThat(s.path("opened").asBoolean()).isFalse();
    assertThat(s.path("gate").asText()).isEqualTo("exit-gate-1");
    assertThat(s.path("reason").asText()).isNotBlank();
    assertThat(gate.isLocked()).isTrue();
    assertThat(openAlerts("exit_gate_failed", sid)).hasSize(1);

    gate.silent(false);
    HttpResponse<String> ok = override(sid, "demo-operator");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonNode o = json.readTree(ok.body());
    assertThat(o.path("result").asText()).isEqualTo("opened");
    assertThat(o.path("opened").asBoolean()).isTrue();
    assertThat(o.path("session").asText()).isEqualTo(sid);
    assertThat(gate.isLocked()).as("the gate after the override").isFalse();
    assertThat(openAlerts("exit_gate_failed", sid)).as("cleared once it answered").isEmpty();

    // who, which session, what happened: in the store's audit trail, read through the API
    HttpResponse<String> audit =
        send("GET", "/api/audit?limit=200&skip=access.check", "demo-auditor");
    assertThat(audit.statusCode()).isEqualTo(200);
    List<String> overrides = new ArrayList<>();
    for (JsonNode e : json.readTree(audit.body())) {
      if (e.path("action").asText().startsWith("exit_gate.override")) {
        overrides.add(e.toString());
      }
    }
    assertThat(overrides).hasSize(2);
    // the operator token's principal is operator-token-1 (ApiTokens names each configured token)
    assertThat(overrides)
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        sid, "\"actor\":\"operator-token-1\"", "result=opened", "exit-gate-1"));
    assertThat(overrides).anySatisfy(e -> assertThat(e).contains(sid, "not answering"));
  }

  @Test
  void shopperOrViewerToken_isForbidden_andTheGateStaysShut() throws Exception {
    String sid = settledExitWithTheGateSilent();
    gate.silent(false);
    String shopper =
        store.database().read(c -> store.sessions().get(c, sid)).orElseThrow().shopperRef();
    HttpResponse<String> issued =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/shopper-tokens"))
                    .header("Authorization", "Bearer demo-admin")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"shopper\":\"" + shopper + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    String token = json.readTree(issued.body()).path("token").asText();

    HttpResponse<String> r = override(sid, token);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(json.readTree(r.body()).path("detail").asText()).contains("shopper");
    assertThat(override(sid, "demo-viewer").statusCode()).isEqualTo(403);
    assertThat(override(sid, null).statusCode()).isEqualTo(401);
    assertThat(gate.isLocked()).isTrue();
  }

  @Test
  void unknownSession_is404_openSession_is409_andNeitherOpensTheGate() throws Exception {
    HttpResponse<String> unknown = override("se_no_such_session", "demo-operator");
    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode p = json.readTree(unknown.body());
    assertThat(p.path("status").asInt()).isEqualTo(404);
    assertThat(p.path("instance").asText()).isEqualTo("/api/sessions/se_no_such_session/exit-gate");

    StoreEngine.EntryResult inside = store.enter(TestCards.next(new Random(22)));
    assertThat(inside.admitted()).as(inside.declineReason()).isTrue();
    HttpResponse<String> open = override(inside.sessionId(), "demo-operator");
    assertThat(open.statusCode()).isEqualTo(409);
    assertThat(open.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode c = json.readTree(open.body());
    assertThat(c.path("title").asText()).isEqualTo("Conflict");
    assertThat(c.path("detail").asText()).contains(inside.sessionId(), "OPEN");
    assertThat(gate.isLocked()).as("no override for a shopper still inside").isTrue();
    long refused =
        store.database().read(conn -> store.audit().recent(conn, 200)).stream()
            .filter(
                e ->
                    e.action().equals("exit_gate.override.denied")
                        && e.target().equals(inside.sessionId())
                        && e.outcome().equals("FAILURE"))
            .count();
    assertThat(refused).as("the refused attempt is audited").isEqualTo(1);
  }
}
