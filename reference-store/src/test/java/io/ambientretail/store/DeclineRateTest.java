package io.ambientretail.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ambientretail.store.config.StoreConfig;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import io.ambientretail.store.db.PaymentJournal;
import io.ambientretail.store.db.SessionBook;
import io.ambientretail.store.engine.StoreEngine;
import io.ambientretail.store.sim.ShopperSimulation;
import io.ambientretail.store.sim.TestCards;
import io.ambientretail.testing.acquirer.AcquirerOperation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's simulated acquirer configured from store.yaml ({@code payment.acquirerLatencyMs},
 * {@code payment.declineRate}): a declined entry keeps the shopper out, a declined kiosk payment
 * ends as a declined session with no receipt and no stock booked, and the run's summary still
 * agrees with the store's records. Declines are counted from those records, never assumed away.
 */
class DeclineRateTest {
  @TempDir Path tmp;
  private final ObjectMapper json = new ObjectMapper();

  private static StoreConfig demo(StoreKind kind, int latencyMs, double declineRate) {
    StoreConfig c =
        TestConfigs.withAcquirer(
            StoreConfigReader.withDefaults().demo(kind), latencyMs, declineRate);
    assertThat(c.payment().gateway()).isEqualTo("simulated");
    return c;
  }

  @Test
  void everyEntryDeclined_keepsTheShopperOut_afterTheLatency_andShowsUnusualPaymentsOnTheApi()
      throws Exception {
    int latencyMs = 200;
    StoreConfig config = demo(StoreKind.WALKOUT, latencyMs, 1.0);
    try (StoreApp app =
        StoreApp.start(
            new StoreApp.Options(
                config,
                tmp.resolve("data"),
                null,
                0,
                true,
                false,
                ShopperSimulation.Pace.FAST,
                7,
                1))) {
      StoreEngine store = app.engine();
      var door = app.devices().lock("door-1");
      List<String> sessions = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        StoreEngine.EntryResult e = store.enter(TestCards.next(new Random(77)));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(e.admitted()).isFalse();
        assertThat(e.declineReason()).isEqualTo("DO_NOT_HONOUR");
        assertThat(took)
            .as("the acquirer answers after its configured latency")
            .isGreaterThanOrEqualTo(Duration.ofMillis(latencyMs));
        assertThat(door.isLocked()).as("the entry door after a decline").isTrue();
        sessions.add(e.sessionId());
      }
      assertThat(store.peopleInStore()).isZero();
      for (String sid : sessions) {
        assertThat(store.database().read(c -> store.sessions().get(c, sid)).orElseThrow().state())
            .isEqualTo(SessionBook.State.DECLINED);
      }
      assertThat(app.acquirer().received(AcquirerOperation.AUTHORISE)).isEqualTo(3);
      assertThat(app.acquirer().performed(AcquirerOperation.AUTHORISE)).isZero();

      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + app.port() + "/api/alerts"))
                      .header("Authorization", "Bearer demo-viewer")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      List<String> unusual = new ArrayList<>();
      for (JsonNode a : json.readTree(r.body())) {
        if (a.path("kind").asText().equals("unusual_payments")) {
          unusual.add(a.path("message").asText());
        }
      }
      assertThat(unusual).containsExactly("3 declines on one card in 10 minutes");
    }
  }

  @Test
  void kioskDemo_withDeclines_declinedSessionsHaveNoReceiptAndBookNoStock() throws Exception {
    StoreConfig config = demo(StoreKind.MICROMARKET, 15, 0.5);
    Path data = tmp.resolve("mm");
    try (StoreApp app =
        StoreApp.start(StoreApp.Options.demo(config, data, 0, 5).withServe(false))) {
      app.simulation().run(16);
      assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
      assertThat(app.awaitReviewsDecided(java.time.Duration.ofSeconds(60))).isTrue();
      StoreEngine store = app.engine();
      List<String> declined = sessions(store, "kiosk", "DECLINED");
      List<String> paid = sessions(store, "kiosk", "CLOSED");
      assertThat(declined).as("a 0.5 decline rate declines some of 16 kiosk payments").isNotEmpty();
      assertThat(paid).as("and approves some").isNotEmpty();
      for (String sid : declined) {
        assertThat(receiptOf(store, sid)).isEmpty();
        assertThat(saleEntries(store, sid)).as("stock booked for declined " + sid).isZero();
        assertThat(journalOf(store, sid))
            .anySatisfy(
                e -> {
                  assertThat(e.op()).isEqualTo(PaymentJournal.Op.SALE);
                  assertThat(e.state()).isEqualTo(PaymentJournal.State.DECLINED);
                });
      }
      for (String sid : paid) {
        assertThat(receiptOf(store, sid)).isPresent();
        assertThat(saleEntries(store, sid)).as("stock booked for paid " + sid).isPositive();
      }
      // the acquirer captured exactly the receipts' sales: a decline moved no money
      assertThat(app.acquirer().performed(AcquirerOperation.CAPTURE)).isEqualTo(paid.size());
      RunSummary s = app.summary();
      assertThat(s.receipts()).isEqualTo(paid.size());
      assertThat(s.shoppers()).isEqualTo(16);
      assertThat(s.capturedMinor()).isEqualTo(app.acquirer().netMinor("EUR"));
      assertThat(s.clean()).as(s.toJsonLine()).isTrue();
    }
  }

  @Test
  void walkoutDemo_withDeclines_declinedShoppersNeverEnter_andTheSummaryAgrees() throws Exception {
    StoreConfig config = demo(StoreKind.WALKOUT, 15, 0.5);
    Path data = tmp.resolve("wo");
    try (StoreApp app =
        StoreApp.start(StoreApp.Options.demo(config, data, 0, 8).withServe(false))) {
      app.simulation().run(12);
      assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
      assertThat(app.awaitReviewsDecided(java.time.Duration.ofSeconds(60))).isTrue();
      StoreEngine store = app.engine();
      List<String> declined = sessions(store, "walkout", "DECLINED");
      assertThat(declined)
          .as("a 0.5 decline rate declines some of 12 entries")
          .isNotEmpty()
          .hasSizeLessThan(12);
      for (String sid : declined) {
        assertThat(receiptOf(store, sid)).isEmpty();
        assertThat(cartOf(store, sid)).isEmpty();
      }
      assertThat(store.peopleInStore()).isZero();
      // each admitted shopper was held once; a declined one was not held at all
      assertThat(app.acquirer().performed(AcquirerOperation.AUTHORISE))
          .isEqualTo(12 - declined.size());
      RunSummary s = app.summary();
      assertThat(s.shoppers()).isEqualTo(12);
      assertThat(s.receipts())
          .isEqualTo(sessions(store, "walkout", "CLOSED").size())
          .isLessThanOrEqualTo(12 - declined.size());
      assertThat(s.capturedMinor()).isEqualTo(app.acquirer().netMinor("EUR"));
      assertThat(s.clean()).as(s.toJsonLine()).isTrue();
    }
  }

  private static List<String> sessions(StoreEngine store, String kind, String state) {
    return store
        .database()
        .read(
            c -> {
              List<String> out = new ArrayList<>();
              try (PreparedStatement p =
                  c.prepareStatement(
                      "SELECT session_id FROM sessions WHERE kind = ? AND state = ?")) {
                p.setString(1, kind);
                p.setString(2, state);
                try (ResultSet r = p.executeQuery()) {
                  while (r.next()) {
                    out.add(r.getString(1));
                  }
                }
              }
              return out;
            });
  }

  private static java.util.Optional<io.ambientretail.store.db.ReceiptBook.Receipt> receiptOf(
      StoreEngine store, String sid) {
    return store.database().read(c -> store.receipts().ofSession(c, sid));
  }

  private static List<PaymentJournal.Entry> journalOf(StoreEngine store, String sid) {
    return store.database().read(c -> store.journal().ofSession(c, sid));
  }

  private static List<SessionBook.CartLine> cartOf(StoreEngine store, String sid) {
    return store.database().read(c -> store.sessions().cart(c, sid));
  }

  private static long saleEntries(StoreEngine store, String sid) {
    return store
        .database()
        .read(
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement(
                      "SELECT COUNT(*) FROM inventory_ledger WHERE source_event LIKE ?")) {
                p.setString(1, "sale:" + sid + "%");
                try (ResultSet r = p.executeQuery()) {
                  r.next();
                  return r.getLong(1);
                }
              }
            });
  }
}
