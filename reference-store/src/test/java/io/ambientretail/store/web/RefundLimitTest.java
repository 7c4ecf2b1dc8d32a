package io.ambientretail.store.web;

import static io.ambientretail.store.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ambientretail.store.StoreApp;
import io.ambientretail.store.config.StoreConfigReader;
import io.ambientretail.store.config.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refunds cannot exceed what is left, whatever the amount: 1 minor unit then {@code Long.MAX_VALUE}
 * is refused with a typed 409 problem (no overflow in the limit check), the books agree with the
 * simulated acquirer afterwards, and {@code /api/kpis} keeps answering.
 */
class RefundLimitTest {
  private static final String OPERATOR = "demo-operator";
  @TempDir Path tmp;
  private StoreApp app;
  private ApiClient api;

  private void start(StoreKind kind) throws Exception {
    app =
        StoreApp.start(
            StoreApp.Options.demo(
                StoreConfigReader.withDefaults().demo(kind), tmp.resolve("data"), 0, 5));
    app.simulation().run(6);
    assertThat(app.simulation().awaitDone(120, TimeUnit.SECONDS)).isTrue();
    assertThat(app.awaitReviewsDecided(Duration.ofSeconds(60))).isTrue();
    api = new ApiClient(app.port());
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** A receipt of at least 3 minor units, and that there are at least two receipts. */
  private JsonNode receipt() throws Exception {
    JsonNode all = json(api.get("/api/receipts", OPERATOR));
    assertThat(all.size()).as("receipts of the demo run").isGreaterThanOrEqualTo(2);
    for (JsonNode r : all) {
      if (r.path("total").path("minor").asLong() >= 3) {
        return r;
      }
    }
    throw new AssertionError("no receipt of 3 minor units or more: " + all);
  }

  private java.net.http.HttpResponse<String> refund(String receipt, String amount)
      throws Exception {
    return api.post(
        "/api/refunds",
        OPERATOR,
        "{\"receipt\":\"" + receipt + "\",\"amountMinor\":" + amount + ",\"reason\":\"test\"}");
  }

  private void assertBooksAgreeWithTheAcquirer() throws Exception {
    var k = api.get("/api/kpis", "demo-viewer");
    assertThat(k.statusCode()).as(k.body()).isEqualTo(200);
    long captured = json(k).path("capturedMinor").asLong();
    assertThat(captured).isNotNegative();
    assertThat(captured).isEqualTo(app.acquirer().netMinor("EUR"));
  }

  @Test
  void micromarket_refundOneThenLongMax_secondIs409_booksAndKpisStayRight() throws Exception {
    start(StoreKind.MICROMARKET);
    JsonNode rc = receipt();
    String id = rc.path("receipt").asText();
    long total = rc.path("total").path("minor").asLong();
    var one = refund(id, "1");
    assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
    assertThat(json(one).path("state").asText()).isEqualTo("APPROVED");
    assertThat(json(one).path("amountMinor").asLong()).isEqualTo(1);

    var max = refund(id, String.valueOf(Long.MAX_VALUE));
    assertThat(max.statusCode()).as(max.body()).isEqualTo(409);
    assertThat(max.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = json(max);
    assertThat(p.path("code").asText()).isEqualTo("STORE_REFUND_EXCEEDS_REMAINING");
    assertThat(p.path("remainingMinor").asLong()).isEqualTo(total - 1);
    assertThat(p.path("requestedMinor").asLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(p.path("detail").asText()).contains("exceeds what is left", id);

    JsonNode refunds = json(api.get("/api/refunds", OPERATOR));
    long booked = 0;
    for (JsonNode r : refunds) {
      if (r.path("receipt").asText().equals(id)) {
        assertThat(r.path("state").asText()).isEqualTo("APPROVED");
        booked = Math.addExact(booked, r.path("amountMinor").asLong());
      }
    }
    assertThat(booked).isEqualTo(1);
    assertBooksAgreeWithTheAcquirer();

    // a journal whose sum cannot fit (a database written before this check): still no 500
    app.engine()
        .database()
        .tx(
            c ->
                app.engine()
                    .journal()
                    .begin(
                        c,
                        rc.path("session").asText(),
                        io.ambientretail.store.db.PaymentJournal.Op.SALE,
                        "rogue:sale",
                        Long.MAX_VALUE,
                        "EUR",
                        null,
                        0));
    app.engine()
        .database()
        .tx(
            c -> {
              app.engine()
                  .journal()
                  .settle(
                      c,
                      "rogue:sale",
                      io.ambientretail.store.db.PaymentJournal.State.APPROVED,
                      "x",
                      0);
              return null;
            });
    var k = api.get("/api/kpis", "demo-viewer");
    assertThat(k.statusCode()).as(k.body()).isEqualTo(200);
    assertThat(json(k).path("capturedMinor").isNull()).isTrue();
    assertThat(json(k).path("capturedMinorProblem").asText()).contains("does not fit");
  }

  @Test
  void refundDeclinedByTheAcquirer_is422_bookedDeclined_neverA201() throws Exception {
    start(StoreKind.WALKOUT);
    String id = receipt().path("receipt").asText();
    app.acquirer()
        .enqueue(
            io.ambientretail.testing.acquirer.AcquirerOperation.REFUND,
            io.ambientretail.testing.acquirer.AcquirerFault.decline(
                io.ambientretail.payments.gateway.DeclineReason.DO_NOT_HONOUR));
    var r = refund(id, "1");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    JsonNode p = json(r);
    assertThat(p.path("code").asText()).isEqualTo("STORE_REFUND_DECLINED");
    assertThat(p.path("state").asText()).isEqualTo("DECLINED");
    assertThat(p.path("amountMinor").asLong()).isZero();
    String refundId = p.path("refund").asText();
    boolean seen = false;
    for (JsonNode b : json(api.get("/api/refunds", OPERATOR))) {
      if (b.path("refund").asText().equals(refundId)) {
        assertThat(b.path("state").asText()).isEqualTo("DECLINED");
        seen = true;
      }
    }
    assertThat(seen).as("refund " + refundId + " booked").isTrue();
    assertBooksAgreeWithTheAcquirer();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(StoreKind.class)
  void refundPendingInAnOutage_isSettledBeforeTheNextRefund_booksAgreeWithTheAcquirer(
      StoreKind kind) throws Exception {
    start(kind);
    String id = receipt().path("receipt").asText();
    app.acquirer().offline(true);
    var pending = refund(id, "1");
    assertThat(pending.statusCode()).as(pending.body()).isEqualTo(409);
    assertThat(json(pending).path("detail").asText()).contains("is pending");
    assertThat(states(id)).containsExactly("PENDING");
    app.acquirer().offline(false);
    var next = refund(id, "2");
    assertThat(next.statusCode()).as(next.body()).isEqualTo(201);
    assertThat(states(id)).containsExactlyInAnyOrder("APPROVED", "APPROVED");
    assertBooksAgreeWithTheAcquirer();
    assertThat(app.engine().settlePendingRefunds()).isZero();
  }

  private java.util.List<String> states(String receipt) throws Exception {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode r : json(api.get("/api/refunds", OPERATOR))) {
      if (r.path("receipt").asText().equals(receipt)) {
        out.add(r.path("state").asText());
      }
    }
    return out;
  }

  @Test
  void walkout_refundBeyondRemaining_is409_exactRemainingIsApproved_acquirerAgrees()
      throws Exception {
    start(StoreKind.WALKOUT);
    JsonNode rc = receipt();
    String id = rc.path("receipt").asText();
    long total = rc.path("total").path("minor").asLong();
    assertThat(refund(id, "1").statusCode()).isEqualTo(201);
    // one more than is left: before, the SDK refunded the rest while the store booked DECLINED
    var over = refund(id, String.valueOf(total));
    assertThat(over.statusCode()).as(over.body()).isEqualTo(409);
    assertThat(json(over).path("remainingMinor").asLong()).isEqualTo(total - 1);
    assertBooksAgreeWithTheAcquirer();
    assertThat(refund(id, String.valueOf(Long.MAX_VALUE)).statusCode()).isEqualTo(409);

    var rest = refund(id, String.valueOf(total - 1));
    assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
    assertThat(json(rest).path("state").asText()).isEqualTo("APPROVED");
    assertThat(json(rest).path("amountMinor").asLong()).isEqualTo(total - 1);
    assertBooksAgreeWithTheAcquirer();
    var none = refund(id, "1");
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(json(none).path("remainingMinor").asLong()).isZero();
  }
}
