package io.ambientretail.testing.acquirer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The simulated acquirer's latency and decline-rate settings, over real loopback HTTP. */
class SimulatedAcquirerTest {
  private static final PaymentToken TOKEN = PaymentToken.of("tok_visa_abc");
  private static final Money TEN = Money.ofMinor(1000, "EUR");

  /** The outcome of {@code n} authorisations then {@code n} charges, one letter each (A/D). */
  private static String outcomes(SimulatedAcquirer acquirer, int n) throws Exception {
    StringBuilder sb = new StringBuilder();
    try (HttpPaymentGateway gateway = TestRuns.gateway(acquirer)) {
      for (int i = 0; i < n; i++) {
        sb.append(letter(gateway.authorise(IdempotencyKey.of("a-" + i), TOKEN, TEN, "r")));
      }
      for (int i = 0; i < n; i++) {
        sb.append(letter(gateway.charge(IdempotencyKey.of("c-" + i), TOKEN, TEN, "r")));
      }
    }
    return sb.toString();
  }

  private static char letter(GatewayOutcome o) {
    if (o instanceof GatewayOutcome.Approved) {
      return 'A';
    }
    assertThat(o).isInstanceOf(GatewayOutcome.Declined.class);
    assertThat(((GatewayOutcome.Declined) o).reason()).isEqualTo(DeclineReason.DO_NOT_HONOUR);
    return 'D';
  }

  @Test
  void declineRate_one_declinesEveryAuthorisationAndCharge_performingNone() throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.builder().declineRate(1.0).start()) {
      assertThat(outcomes(acquirer, 10)).isEqualTo("D".repeat(20));
      assertThat(acquirer.performed(AcquirerOperation.AUTHORISE)).isZero();
      assertThat(acquirer.performed(AcquirerOperation.CHARGE)).isZero();
      assertThat(acquirer.charges()).isEmpty();
    }
  }

  @Test
  void declineRate_zero_andUnset_approveEvery() throws Exception {
    try (SimulatedAcquirer zero = SimulatedAcquirer.builder().declineRate(0.0).seed(7).start();
        SimulatedAcquirer unset = SimulatedAcquirer.start()) {
      assertThat(outcomes(zero, 10)).isEqualTo("A".repeat(20));
      assertThat(outcomes(unset, 10)).isEqualTo("A".repeat(20));
      assertThat(zero.performed(AcquirerOperation.AUTHORISE)).isEqualTo(10);
      assertThat(zero.performed(AcquirerOperation.CHARGE)).isEqualTo(10);
    }
  }

  @Test
  void declineRate_withSeed_declinesTheSameMixedSubsetOnEveryRun() throws Exception {
    String first;
    String again;
    String otherSeed;
    try (SimulatedAcquirer a = SimulatedAcquirer.builder().declineRate(0.3).seed(42).start()) {
      first = outcomes(a, 20);
      assertThat(a.performed(AcquirerOperation.AUTHORISE) + a.performed(AcquirerOperation.CHARGE))
          .isEqualTo((int) first.chars().filter(ch -> ch == 'A').count());
    }
    try (SimulatedAcquirer b = SimulatedAcquirer.builder().declineRate(0.3).seed(42).start()) {
      again = outcomes(b, 20);
    }
    try (SimulatedAcquirer c = SimulatedAcquirer.builder().declineRate(0.3).seed(43).start()) {
      otherSeed = outcomes(c, 20);
    }
    assertThat(first).contains("A").contains("D");
    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void declineRate_retryOfADeclinedKey_isReplayedDeclined_notDrawnAgain() throws Exception {
    try (SimulatedAcquirer acquirer =
        SimulatedAcquirer.builder().declineRate(0.5).seed(1).start()) {
      HttpClient http = HttpClient.newHttpClient();
      String key = null;
      for (int i = 0; i < 40 && key == null; i++) {
        if (authorise(http, acquirer, "k-" + i).body().contains("\"declined\"")) {
          key = "k-" + i;
        }
      }
      assertThat(key).as("a declined key among 40 draws at 0.5").isNotNull();
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = authorise(http, acquirer, key);
        assertThat(r.body()).contains("\"result\":\"declined\"", "DO_NOT_HONOUR");
        assertThat(r.headers().firstValue("Idempotent-Replayed")).hasValue("true");
      }
    }
  }

  private static HttpResponse<String> authorise(
      HttpClient http, SimulatedAcquirer acquirer, String key) throws Exception {
    return http.sendAsync(authorisation(acquirer, key), HttpResponse.BodyHandlers.ofString())
        .get(20, TimeUnit.SECONDS);
  }

  private static HttpRequest authorisation(SimulatedAcquirer acquirer, String key) {
    String body =
        "{\"token\":\"tok_visa_abc\",\"amount\":{\"minor\":100,\"currency\":\"EUR\"},"
            + "\"reference\":\"r\"}";
    return HttpRequest.newBuilder(acquirer.uri().resolve("v1/authorisations"))
        .header("Idempotency-Key", key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  @Test
  void builtInRules_stillDeclineWithTheirOwnReason_whenARateIsSet() throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.builder().declineRate(1.0).start();
        HttpPaymentGateway gateway = TestRuns.gateway(acquirer)) {
      GatewayOutcome o =
          gateway.authorise(IdempotencyKey.of("k"), PaymentToken.of("tok_decline"), TEN, "r");
      assertThat(((GatewayOutcome.Declined) o).reason())
          .isEqualTo(DeclineReason.INSUFFICIENT_FUNDS);
    }
  }

  @Test
  void latency_everyAnswerTakesAtLeastIt() throws Exception {
    Duration latency = Duration.ofMillis(250);
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.builder().latency(latency).start();
        HttpPaymentGateway gateway = TestRuns.gateway(acquirer)) {
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        GatewayOutcome o = gateway.authorise(IdempotencyKey.of("k-" + i), TOKEN, TEN, "r");
        long took = System.nanoTime() - t0;
        assertThat(o).isInstanceOf(GatewayOutcome.Approved.class);
        assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(latency);
      }
    }
  }

  @Test
  void latencyWithJitter_everyAnswerTakesAtLeastTheBase() throws Exception {
    Duration base = Duration.ofMillis(150);
    try (SimulatedAcquirer acquirer =
            SimulatedAcquirer.builder().latency(base, Duration.ofMillis(100)).seed(5).start();
        HttpPaymentGateway gateway = TestRuns.gateway(acquirer)) {
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        gateway.charge(IdempotencyKey.of("k-" + i), TOKEN, TEN, "r");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(base);
      }
      assertThat(acquirer.performed(AcquirerOperation.CHARGE)).isEqualTo(3);
    }
  }

  @Test
  void latency_holdsNoRequestThread_manyRequestsWaitAtOnce() throws Exception {
    // the server has 4 request threads: if the delay were slept on them, only 4 requests could be
    // received before the first answer; scheduled, all 12 are received while every answer waits
    int n = 12;
    try (SimulatedAcquirer acquirer =
        SimulatedAcquirer.builder().latency(Duration.ofSeconds(3)).start()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        answers.add(
            http.sendAsync(
                authorisation(acquirer, "k-" + i), HttpResponse.BodyHandlers.ofString()));
      }
      assertThat(acquirer.awaitPerformed(AcquirerOperation.AUTHORISE, n, Duration.ofSeconds(10)))
          .isTrue();
      assertThat(answers).noneMatch(CompletableFuture::isDone);
      for (CompletableFuture<HttpResponse<String>> a : answers) {
        HttpResponse<String> r = a.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"result\":\"approved\"");
      }
    }
  }

  @Test
  void builder_refusesARateOutsideZeroToOne_andNegativeLatency() {
    assertThatThrownBy(() -> SimulatedAcquirer.builder().declineRate(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declineRate");
    assertThatThrownBy(() -> SimulatedAcquirer.builder().declineRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulatedAcquirer.builder().latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency");
  }

  @Test
  void latency_unset_answersAsBefore() throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(acquirer.uri() + "v1/nothing")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
    }
  }
}
