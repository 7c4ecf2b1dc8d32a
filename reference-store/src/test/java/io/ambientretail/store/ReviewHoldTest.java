package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.core.Money;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.ReviewBook;
import io.ambientretail.store.db.SessionBook;
import io.ambientretail.store.devices.StoreDevices;
import io.ambientretail.store.engine.ReviewDesk;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.SimulatedShelves;
import io.ambientretail.store.sim.TestCards;
import io.ambientretail.testing.acquirer.AcquirerFault;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walk-out receipts held for review, through the running store's REST API on loopback HTTP and
 * against sdk-testing's acquirer (its books are the evidence): an ambiguous cart is not captured at
 * exit, the gate still opens, and staff approve (one capture of the cart), adjust (one capture of
 * the corrected basket, the ledger booked for it) or void (the hold released); a retried decision
 * captures once; shoppers may not decide; the deadline applies the default decision; a restart
 * keeps a held receipt held and finishes a decision whose capture was in flight exactly once.
 */
class ReviewHoldTest {
  private static final long HOLD = 5000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path tmp;
  private SimulatedAcquirer acquirer;
  private StoreApp app;
  private StoreEngine store;
  private SimulatedShelves shelves;
  private StoreConfig config;
  private String dbUrl;
  private ReviewFixture.Tracker tracker;

  private void start(String db, StoreConfig.Review review) throws Exception {
    start(db, review, SimulatedAcquirer.start());
  }

  private void start(String db, StoreConfig.Review review, SimulatedAcquirer a) throws Exception {
    acquirer = a;
    dbUrl = db.equals("sqlite") ? null : TestDatabases.freshPostgres();
    StoreConfig demo = StoreConfigReader.withDefaults().demo(StoreKind.WALKOUT);
    config =
        new StoreConfig(
            demo.storeId(),
            demo.name(),
            demo.kind(),
            demo.region(),
            demo.privacyRegime(),
            demo.currency(),
            demo.zone(),
            new StoreConfig.Payment(acquirer.uri().toString(), HOLD, 0, 0.0),
            demo.devices(),
            demo.shelves(),
            demo.replenishment(),
            demo.privacy(),
            demo.tokens(),
            review);
    boot();
  }

  private void boot() {
    app =
        StoreApp.start(
            new StoreApp.Options(
                config,
                tmp.resolve("data"),
                dbUrl,
                0,
                true,
                false,
                ShopperSimulation.Pace.FAST,
                1,
                1));
    store = app.engine();
    if (tracker != null) {
      tracker.close();
    }
    tracker = new ReviewFixture.Tracker(store);
    shelves = new SimulatedShelves(config, store.database().read(c -> store.stock().onHand(c)), 1);
    shelves.attach(StoreDevices.sensorsOf(app.devices(), store.shelves()));
  }

  @AfterEach
  void stop() {
    if (tracker != null) {
      tracker.close();
    }
    if (app != null) {
      app.close();
    }
    if (acquirer != null) {
      acquirer.close();
    }
  }

  @Test
  void flaggedExit_capturesNothing_opensTheGate_andIsPendingOnTheApi() throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isZero();
    assertThat(acquirer.performed(AcquirerOperation.RELEASE))
        .as("only the other shopper's")
        .isEqualTo(1);
    assertThat(acquirer.captures()).isEmpty();
    assertThat(app.devices().lock("exit-gate-1").isLocked())
        .as("exit gate after a held exit")
        .isFalse();
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.REVIEW);
    assertThat(receiptOf(h.sid)).isEmpty();
    assertThat(pendingAlert(h.sid)).isPresent();
    var list = get("/api/reviews", "demo-operator");
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode pending = JSON.readTree(list.body());
    assertThat(pending.size()).isEqualTo(1);
    JsonNode r = pending.get(0);
    assertThat(r.path("session").asText()).isEqualTo(h.sid);
    assertThat(r.path("totalMinor").asLong()).isEqualTo(h.total);
    assertThat(r.path("ambiguousLines").asInt()).isEqualTo(1);
    assertThat(r.path("lines").size()).isEqualTo(2);
    assertThat(r.path("lines").findValues("ambiguous").stream().filter(JsonNode::asBoolean).count())
        .isEqualTo(1);
    JsonNode sessions = JSON.readTree(get("/api/sessions?state=review", "demo-operator").body());
    assertThat(sessions.findValuesAsText("session")).containsExactly(h.sid);
    JsonNode kpis = JSON.readTree(get("/api/kpis", "demo-viewer").body());
    assertThat(kpis.path("reviewsPending").asLong()).isEqualTo(1);
  }

  @Test
  void approve_capturesTheCartOnce_andARetriedPostIsAConflict() throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    var first = post("/api/reviews/" + h.sid, "demo-operator", "{\"decision\":\"approve\"}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode o = JSON.readTree(first.body());
    assertThat(o.path("settled").asBoolean()).isTrue();
    assertThat(o.path("totalMinor").asLong()).isEqualTo(h.total);
    var retry = post("/api/reviews/" + h.sid, "demo-operator", "{\"decision\":\"approve\"}");
    assertThat(retry.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(retry.body()).path("detail").asText()).contains("already decided");
    assertThat(acquirer.captures()).containsExactly(money(h.total));
    assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isEqualTo(1);
    assertThat(acquirer.netMinor("EUR")).isEqualTo(h.total);
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.CLOSED);
    String receiptId = o.path("receipt").asText();
    JsonNode receipt = JSON.readTree(get("/api/receipts/" + receiptId, "demo-operator").body());
    assertThat(receipt.path("total").path("minor").asLong()).isEqualTo(h.total);
    assertThat(receipt.path("review").asBoolean()).isTrue();
    assertThat(receipt.path("reviewed").path("decision").asText()).isEqualTo("approve");
    assertThat(get("/api/receipts/" + receiptId + "/html", "demo-operator").statusCode())
        .isEqualTo(200);
    assertThat(soldUnits()).isEqualTo(2);
    assertThat(JSON.readTree(get("/api/reviews", "demo-operator").body()).size()).isZero();
    assertThat(pendingAlert(h.sid)).isEmpty();
    // held: the other shopper's empty cart, then this one; approved (newest first): this one,
    // then the other's (by staff, nothing taken)
    assertThat(audited("review.held")).containsExactly("store", "store");
    assertThat(audited("review.approve")).containsExactly("operator-token-1", "staff");
    JsonNode kpis = JSON.readTree(get("/api/kpis", "demo-viewer").body());
    assertThat(kpis.path("reviewRate").asDouble()).isEqualTo(1.0);
    assertThat(kpis.path("reviewDecisions").path("approve").asLong()).isEqualTo(2);
  }

  @Test
  void concurrentDecisions_oneWins_andTheCartIsCapturedOnce() throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    String[] bodies = {
      "{\"decision\":\"approve\"}",
      "{\"decision\":\"approve\"}",
      "{\"decision\":\"void\"}",
      "{\"decision\":\"approve\"}"
    };
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls =
        new java.util.ArrayList<>();
    for (String b : bodies) {
      calls.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  go.await();
                  return post("/api/reviews/" + h.sid, "demo-operator", b);
                } catch (Exception e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              }));
    }
    go.countDown();
    List<Integer> codes = new java.util.ArrayList<>();
    for (var f : calls) {
      codes.add(f.get(60, TimeUnit.SECONDS).statusCode());
    }
    // one decision is recorded; the others are conflicts, or (the same decision while its
    // capture runs) accepted as in flight
    assertThat(codes).isSubsetOf(200, 202, 409).contains(200);
    ReviewBook.Review r =
        store.database().read(c -> store.reviews().book().get(c, h.sid)).orElseThrow();
    await("the decision settled", () -> state(h.sid) != SessionBook.State.REVIEW);
    if (r.decision() == ReviewBook.Decision.APPROVE) {
      assertThat(acquirer.captures()).containsExactly(money(h.total));
    } else {
      assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isZero();
    }
    assertThat(
            acquirer.performed(AcquirerOperation.CAPTURE)
                + acquirer.performed(AcquirerOperation.RELEASE))
        .as("holds ended, each once")
        .isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void adjust_capturesTheCorrectedTotal_andBooksTheLedgerForIt(String db) throws Exception {
    start(db, StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    StoreConfig.Lane extra = laneOfAnotherShelf(h.ambiguousLane, h.clearLane);
    String body =
        "{\"decision\":\"adjust\",\"note\":\"footage: the other shopper took it\","
            + "\"lines\":[{\"lane\":\""
            + h.ambiguousLane.id()
            + "\",\"qty\":0},{\"lane\":\""
            + h.clearLane.id()
            + "\",\"qty\":1},{\"lane\":\""
            + extra.id()
            + "\",\"qty\":2}]}";
    int before = onHand(extra.id());
    var r = post("/api/reviews/" + h.sid, "demo-operator", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    long corrected = h.clearLane.priceMinor() + 2 * extra.priceMinor();
    assertThat(acquirer.captures()).containsExactly(money(corrected));
    assertThat(acquirer.netMinor("EUR")).isEqualTo(corrected);
    JsonNode receipt = JSON.readTree(receiptOf(h.sid).orElseThrow().body());
    assertThat(receipt.path("total").path("minor").asLong()).isEqualTo(corrected);
    assertThat(receipt.path("lines").findValuesAsText("lane"))
        .containsExactlyInAnyOrder(h.clearLane.id(), extra.id());
    assertThat(receipt.path("reviewed").path("decision").asText()).isEqualTo("adjust");
    // the ledger books the corrected lines: the extra lane's two units, not the removed one
    assertThat(onHand(extra.id())).isEqualTo(before - 2);
    assertThat(saleOf(h.sid, h.ambiguousLane.id())).isZero();
    assertThat(saleOf(h.sid, extra.id())).isEqualTo(-2);
    assertThat(saleOf(h.sid, h.clearLane.id())).isEqualTo(-1);
    String audit = get("/api/audit?limit=200&skip=access.check", "demo-auditor").body();
    assertThat(audit)
        .contains("review.adjust", h.ambiguousLane.id() + ":1->0", extra.id() + ":0->2");
    assertThat(app.summary().doubleCaptures()).isZero();
  }

  @Test
  void void_releasesTheHold_withoutCapture() throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    var r = post("/api/reviews/" + h.sid, "demo-admin", "{\"decision\":\"void\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isZero();
    assertThat(acquirer.performed(AcquirerOperation.RELEASE))
        .as("both shoppers' holds")
        .isEqualTo(2);
    assertThat(acquirer.netMinor("EUR")).isZero();
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.ABANDONED);
    assertThat(receiptOf(h.sid)).isEmpty();
    assertThat(soldUnits()).isZero();
  }

  @Test
  void shopperAndViewerTokens_are403_andBadInputIsAProblemNamingTheField() throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    var issued = post("/api/shopper-tokens", "demo-admin", "{\"shopper\":\"" + h.shopper + "\"}");
    String shopperToken = JSON.readTree(issued.body()).path("token").asText();
    var own = post("/api/reviews/" + h.sid, shopperToken, "{\"decision\":\"void\"}");
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(own.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(get("/api/reviews", shopperToken).statusCode()).isEqualTo(403);
    assertThat(post("/api/reviews/" + h.sid, "demo-viewer", "{\"decision\":\"void\"}").statusCode())
        .isEqualTo(403);
    assertProblem(
        post("/api/reviews/" + h.sid, "demo-operator", "{\"decision\":\"maybe\"}"),
        400,
        "decision");
    assertProblem(
        post(
            "/api/reviews/" + h.sid,
            "demo-operator",
            "{\"decision\":\"adjust\","
                + "\"lines\":[{\"lane\":\""
                + h.clearLane.id()
                + "\",\"qty\":-1}]}"),
        400,
        "lines[0].qty");
    assertProblem(
        post(
            "/api/reviews/" + h.sid,
            "demo-operator",
            "{\"decision\":\"adjust\"," + "\"lines\":[{\"lane\":\"no-such-lane\",\"qty\":1}]}"),
        400,
        "lines[0].lane");
    assertProblem(
        post("/api/reviews/" + h.sid, "demo-operator", "{\"decision\":\"adjust\"}"), 400, "lines");
    assertProblem(
        post(
            "/api/reviews/" + h.sid,
            "demo-operator",
            "{\"decision\":\"approve\"," + "\"amount\":1}"),
        400,
        "amount");
    assertProblem(post("/api/reviews/" + h.sid, "demo-operator", "[1,2"), 400, "JSON");
    assertProblem(
        post("/api/reviews/se-unknown", "demo-operator", "{\"decision\":\"void\"}"),
        404,
        "se-unknown");
    assertProblem(
        post("/api/reviews/" + h.other, "demo-operator", "{\"decision\":\"approve\"}"),
        409,
        "already decided");
    // nothing of that moved money or decided the review
    assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isZero();
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.REVIEW);
  }

  @Test
  void deadline_appliesTheDefaultVoid_auditedAsSystem() throws Exception {
    start("sqlite", new StoreConfig.Review(5, StoreConfig.LateDecision.VOID));
    Held h = heldSession();
    long now = System.currentTimeMillis();
    assertThat(store.reviews().applyDeadlines(now + 4 * 60_000)).as("not yet due").isZero();
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.REVIEW);
    assertThat(store.reviews().applyDeadlines(now + 6 * 60_000)).isEqualTo(1);
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.ABANDONED);
    assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isZero();
    assertThat(acquirer.performed(AcquirerOperation.RELEASE)).isEqualTo(2);
    assertThat(audited("review.void")).containsExactly("system");
  }

  @Test
  void deadline_appliesTheDefaultApprove() throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    store.reviews().applyDeadlines(System.currentTimeMillis() + 31 * 60_000);
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.CLOSED);
    assertThat(acquirer.captures()).containsExactly(money(h.total));
  }

  @Test
  void deadlineRound_whileAnotherRoundSettlesTheSameReview_returnsOnlyOnceItIsSettled()
      throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    long late = System.currentTimeMillis() + 31 * 60_000;
    // the first round (housekeeping, say) decides the review; its capture is done at the acquirer
    // but the answer is held, so that round is still settling
    acquirer.enqueue(AcquirerOperation.CAPTURE, AcquirerFault.stallAfterWork());
    ExecutorService rounds = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = rounds.submit(() -> store.reviews().applyDeadlines(late));
      assertThat(acquirer.awaitPerformed(AcquirerOperation.CAPTURE, 1, Duration.ofSeconds(30)))
          .as("the first round's capture")
          .isTrue();
      // a second round meanwhile (the caller's): when it returns, the review must be settled
      AtomicReference<Thread> second = new AtomicReference<>();
      Future<SessionBook.State> after =
          rounds.submit(
              () -> {
                second.set(Thread.currentThread());
                store.reviews().applyDeadlines(late);
                return state(h.sid);
              });
      await(
          "the second round to return or to wait for the first",
          () -> after.isDone() || waitsInADeadlineRound(second.get()));
      acquirer.releaseStalled();
      assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(after.get(60, TimeUnit.SECONDS))
          .as("the session when the second round returned")
          .isEqualTo(SessionBook.State.CLOSED);
    } finally {
      acquirer.releaseStalled();
      rounds.shutdownNow();
    }
    assertThat(acquirer.captures()).containsExactly(money(h.total));
    // newest first: the deadline's approval of the held receipt, once, after staff's "nothing
    // taken" for the other shopper's flagged empty cart
    assertThat(audited("review.approve")).containsExactly("system", "staff");
  }

  /** True when {@code t} is parked waiting its turn in {@link ReviewDesk#applyDeadlines}. */
  private static boolean waitsInADeadlineRound(Thread t) {
    if (t == null || t.getState() != Thread.State.WAITING) {
      return false;
    }
    for (StackTraceElement e : t.getStackTrace()) {
      if (!e.getClassName().startsWith("java.") && !e.getClassName().startsWith("jdk.")) {
        return e.getClassName().equals(ReviewDesk.class.getName())
            && e.getMethodName().equals("applyDeadlines");
      }
    }
    return false;
  }

  @Test
  void holdSettledBySdkAtItsCaptureDeadline_isClosedAsSeen_auditedAsSystem() throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    // what the SDK's settleDue does near the gateway's capture deadline: exit at the last basket
    app.payments().walkOutSession(h.sid).orElseThrow().exit(money(h.total));
    // this round approves it, or waits for the housekeeping round that got there first
    store.reviews().applyDeadlines(System.currentTimeMillis());
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.CLOSED);
    assertThat(acquirer.captures()).containsExactly(money(h.total));
    assertThat(receiptOf(h.sid).orElseThrow().totalMinor()).isEqualTo(h.total);
    assertThat(audited("review.approve")).containsExactly("system", "staff");
  }

  @Test
  void decisionAfterTheSdkSettled_keepsWhatWasCaptured_andRaisesReviewOvertaken() throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    app.payments().walkOutSession(h.sid).orElseThrow().exit(money(h.total));
    var r =
        post(
            "/api/reviews/" + h.sid,
            "demo-operator",
            "{\"decision\":\"adjust\","
                + "\"lines\":[{\"lane\":\""
                + h.ambiguousLane.id()
                + "\",\"qty\":0}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(acquirer.captures()).containsExactly(money(h.total));
    assertThat(receiptOf(h.sid).orElseThrow().totalMinor())
        .as("the receipt says what was taken")
        .isEqualTo(h.total);
    assertThat(
            store
                .database()
                .read(c -> store.alerts().open(c, "review_overtaken", h.sid))
                .isPresent())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void restart_keepsTheReviewHeld_andTheDecisionThenCapturesOnce(String db) throws Exception {
    start(db, StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    app.close();
    app = null;
    boot();
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.REVIEW);
    assertThat(app.payments().walkOutSession(h.sid))
        .hasValueSatisfying(w -> assertThat(w.closed()).as("SDK session still holding").isFalse());
    assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isZero();
    JsonNode pending = JSON.readTree(get("/api/reviews", "demo-operator").body());
    assertThat(pending.findValuesAsText("session")).containsExactly(h.sid);
    var r = post("/api/reviews/" + h.sid, "demo-operator", "{\"decision\":\"approve\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(acquirer.captures()).containsExactly(money(h.total));
  }

  @Test
  void decisionWithTheGatewayAway_isFinishedOnceAfterARestart() throws Exception {
    start("sqlite", StoreConfig.Review.DEFAULTS);
    Held h = heldSession();
    acquirer.offline(true);
    var r = post("/api/reviews/" + h.sid, "demo-operator", "{\"decision\":\"approve\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(JSON.readTree(r.body()).path("settled").asBoolean()).isFalse();
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.REVIEW);
    ReviewBook.Review decided =
        store.database().read(c -> store.reviews().book().get(c, h.sid)).orElseThrow();
    assertThat(decided.state()).isEqualTo(ReviewBook.State.DECIDED);
    // a different decision now is a conflict; the same one again finishes what was decided
    assertProblem(
        post("/api/reviews/" + h.sid, "demo-operator", "{\"decision\":\"void\"}"),
        409,
        "already decided");
    app.close();
    app = null;
    acquirer.offline(false);
    boot();
    assertThat(state(h.sid)).isEqualTo(SessionBook.State.CLOSED);
    assertThat(acquirer.captures()).containsExactly(money(h.total));
    assertThat(
            store.database().read(c -> store.reviews().book().get(c, h.sid)).orElseThrow().state())
        .isEqualTo(ReviewBook.State.DONE);
    var again = post("/api/reviews/" + h.sid, "demo-operator", "{\"decision\":\"approve\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isEqualTo(1);
    assertThat(receiptOf(h.sid)).isPresent();
  }

  @Test
  void request_rejectsLinesOnApprove_andDropsZeroLinesOnAdjust() {
    assertThat(
            ReviewDesk.Request.adjust(
                    List.of(new ReviewBook.Line("a", 0), new ReviewBook.Line("b", 2)))
                .lines())
        .containsExactly(new ReviewBook.Line("b", 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ReviewDesk.Request(
                    ReviewBook.Decision.APPROVE, List.of(new ReviewBook.Line("a", 1))))
        .hasMessageContaining("lines");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ReviewDesk.Request.adjust(
                    List.of(new ReviewBook.Line("a", 1), new ReviewBook.Line("a", 2))))
        .hasMessageContaining("lines[1].lane");
  }

  // ---------------------------------------------------------------- helpers

  /** A session held for review, the other shopper who reached in, and the cart. */
  private record Held(
      String sid,
      String other,
      String shopper,
      long total,
      StoreConfig.Lane ambiguousLane,
      StoreConfig.Lane clearLane) {}

  /**
   * Two shoppers stand at one lane and a unit leaves it: cart fusion gives it to the nearer one,
   * unsure, which flags the session. That shopper also takes a unit from another shelf
   * (unambiguous) and walks out; the other leaves with nothing, held for review too (fusion doubted
   * them as well) until staff find nothing taken.
   */
  private Held heldSession() {
    String other = enter(1);
    String sid = enter(2);
    List<StoreConfig.Lane> lanes = config.lanes();
    StoreConfig.Lane a = lanes.get(0);
    StoreConfig.Lane b =
        lanes.stream().filter(l -> !l.shelfId().equals(a.shelfId())).findFirst().orElseThrow();
    // both stand at lane a, the session's shopper a little nearer; the controller streams the
    // lane's new load to cart fusion, which gives the unit to the nearer one, unsure
    tracker.standAt(sid, a, 0);
    tracker.standAt(other, a, 0.15);
    assertThat(shelves.take(a.id())).isTrue();
    await(
        "fusion's decision on lane " + a.id(),
        () ->
            store.database().read(c -> store.sessions().cart(c, sid)).stream()
                .anyMatch(l -> l.laneId().equals(a.id())));
    tracker.lingerAfterPick();
    tracker.stepUpTo(sid, b);
    assertThat(shelves.take(b.id())).isTrue();
    long total = a.priceMinor() + b.priceMinor();
    await(
        () ->
            "the cart of "
                + total
                + ", was "
                + store.database().read(c -> store.sessions().cart(c, sid)),
        () ->
            store.database().read(c -> store.sessions().cart(c, sid)).stream()
                    .mapToLong(SessionBook.CartLine::priceMinor)
                    .sum()
                == total);
    tracker.lingerAfterPick();
    tracker.left(other);
    tracker.left(sid);
    // fusion doubted the other shopper too: the empty cart is held for a person, not released
    // unseen; staff find nothing taken, which releases that hold
    assertThat(store.exit(other).outcome()).isEqualTo(ReviewDesk.HELD);
    store.reviews().decide(other, ReviewDesk.Request.approve(), "staff", "nothing taken");
    assertThat(store.database().read(c -> store.sessions().get(c, other)).orElseThrow().state())
        .isEqualTo(SessionBook.State.ABANDONED);
    StoreEngine.CheckoutResult out = store.exit(sid);
    assertThat(out.outcome()).isEqualTo(ReviewDesk.HELD);
    assertThat(out.receipt()).isEmpty();
    assertThat(store.database().read(c -> store.sessions().get(c, sid)).orElseThrow().review())
        .as("fusion unsure of the pick at the shared lane flags the session")
        .isTrue();
    // the reviewer is pointed at the shared lane's line, not the clear one
    List<SessionBook.CartLine> held = store.database().read(c -> store.sessions().cart(c, sid));
    assertThat(held)
        .extracting(SessionBook.CartLine::laneId, SessionBook.CartLine::ambiguous)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(a.id(), true),
            org.assertj.core.groups.Tuple.tuple(b.id(), false));
    String shopper =
        store.database().read(c -> store.sessions().get(c, sid)).orElseThrow().shopperRef();
    return new Held(sid, other, shopper, total, a, b);
  }

  private StoreConfig.Lane laneOfAnotherShelf(StoreConfig.Lane x, StoreConfig.Lane y) {
    return config.lanes().stream()
        .filter(
            l ->
                !l.shelfId().equals(x.shelfId())
                    && !l.shelfId().equals(y.shelfId())
                    && l.pricing() == StoreConfig.Pricing.UNIT)
        .findFirst()
        .orElseThrow();
  }

  private String enter(long card) {
    StoreEngine.EntryResult e = store.enter(TestCards.next(new Random(card)));
    assertThat(e.admitted()).as(e.declineReason()).isTrue();
    return e.sessionId();
  }

  /** The actors of the audit entries with this action, read through the API. */
  private List<String> audited(String action) throws Exception {
    JsonNode entries =
        JSON.readTree(get("/api/audit?limit=500&skip=access.check", "demo-auditor").body());
    List<String> actors = new java.util.ArrayList<>();
    for (JsonNode e : entries) {
      if (e.path("action").asText().equals(action)) {
        actors.add(e.path("actor").asText());
      }
    }
    return actors;
  }

  private java.util.Optional<io.ambientretail.store.db.ReceiptBook.Receipt> receiptOf(String sid) {
    return store.database().read(c -> store.receipts().ofSession(c, sid));
  }

  private java.util.Optional<io.ambientretail.store.db.AlertBook.Alert> pendingAlert(String sid) {
    return store.database().read(c -> store.alerts().open(c, "review_pending", sid));
  }

  private SessionBook.State state(String sid) {
    return store.database().read(c -> store.sessions().get(c, sid)).orElseThrow().state();
  }

  private int onHand(String lane) {
    return store.database().read(c -> store.stock().onHand(c)).get(lane);
  }

  private long soldUnits() {
    return -store
        .database()
        .read(
            c -> {
              try (ResultSet r =
                  c.createStatement()
                      .executeQuery(
                          "SELECT COALESCE(SUM(quantity), 0)"
                              + " FROM inventory_ledger WHERE entry_type = 'SALE'")) {
                r.next();
                return r.getLong(1);
              }
            });
  }

  private long saleOf(String sid, String lane) {
    return store
        .database()
        .read(
            c -> {
              try (var q =
                  c.prepareStatement(
                      "SELECT COALESCE(SUM(quantity), 0) FROM inventory_ledger"
                          + " WHERE entry_type = 'SALE' AND source_event = ?")) {
                q.setString(1, "sale:" + sid + "@" + lane);
                try (ResultSet r = q.executeQuery()) {
                  r.next();
                  return r.getLong(1);
                }
              }
            });
  }

  private Money money(long minor) {
    return Money.ofMinor(minor, config.currency());
  }

  private static void assertProblem(HttpResponse<String> r, int status, String detailPart)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("detail").asText()).contains(detailPart);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void await(String what, BooleanSupplier condition) {
    await(() -> what, condition);
  }

  /** Waits for {@code condition} (30 s at most); {@code what} describes it when it fails. */
  private static void await(java.util.function.Supplier<String> what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        assertThat(System.nanoTime()).as("waiting for " + what.get()).isLessThan(deadline);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
