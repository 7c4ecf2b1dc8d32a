package io.ambientretail.testing.acquirer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.AuthorisationStatus;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.GatewayTimeoutException;
import io.ambientretail.payments.gateway.GatewayUnavailableException;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.IdempotencyKeyReusedException;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.PaymentValueException;
import io.ambientretail.payments.gateway.TransactionId;
import io.ambientretail.payments.gateway.TransactionNotFoundException;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import io.ambientretail.payments.gateway.http.RetryPolicy;
import io.ambientretail.payments.tokenize.CardToken;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpPaymentGatewayTest {
  private static final PaymentToken TOKEN = PaymentToken.of("tok_visa_abc");
  private static final Money TEN = Money.ofMinor(1000, "EUR");

  private SimulatedAcquirer acquirer;
  private HttpPaymentGateway gateway;

  @BeforeEach
  void start() throws Exception {
    acquirer = SimulatedAcquirer.start();
    gateway = TestRuns.gateway(acquirer);
  }

  @AfterEach
  void stop() {
    gateway.close();
    acquirer.close();
  }

  private TransactionId authorise(String key, Money amount) throws Exception {
    GatewayOutcome o = gateway.authorise(IdempotencyKey.of(key), TOKEN, amount, "ref-1");
    assertThat(o).isInstanceOf(GatewayOutcome.Approved.class);
    return ((GatewayOutcome.Approved) o).transaction();
  }

  @Test
  void authorise_approved_readsAmountAndCaptureDeadline() throws Exception {
    GatewayOutcome o = gateway.authorise(IdempotencyKey.of("k-auth"), TOKEN, TEN, "ref-1");
    GatewayOutcome.Approved a = (GatewayOutcome.Approved) o;
    assertThat(a.amount()).isEqualTo(TEN);
    assertThat(a.captureBefore()).isNotNull();
    assertThat(a.replayed()).isFalse();
    AuthorisationStatus s = gateway.status(a.transaction());
    assertThat(s.state()).isEqualTo(AuthorisationStatus.State.AUTHORISED);
    assertThat(s.authorised()).isEqualTo(TEN);
  }

  @Test
  void status_ofUnknownAuthorisation_isNotFound_notUnavailable() throws Exception {
    TransactionId unknown = TransactionId.of("au_never_made");
    assertThatThrownBy(() -> gateway.status(unknown))
        .isInstanceOf(TransactionNotFoundException.class)
        .isNotInstanceOf(GatewayUnavailableException.class);
    assertThat(gateway.find(unknown)).isEmpty();
    TransactionId known = authorise("k-known", TEN);
    assertThat(gateway.find(known))
        .get()
        .extracting(AuthorisationStatus::authorised)
        .isEqualTo(TEN);
  }

  @Test
  void authorise_luhnValidCardToken_travelsByItsTokenForm() throws Exception {
    CardToken fpe = CardToken.of(2, "4761739001010119"); // Luhn-valid digits, a token by its form
    GatewayOutcome o =
        gateway.authorise(IdempotencyKey.of("k-fpe"), PaymentToken.of(fpe), TEN, "ref-1");
    assertThat(o).isInstanceOf(GatewayOutcome.Approved.class);
  }

  @Test
  void authorise_declinedToken_isATypedResult() throws Exception {
    GatewayOutcome o =
        gateway.authorise(
            IdempotencyKey.of("k-dec"), PaymentToken.of("tok_decline_x"), TEN, "ref-1");
    assertThat(o).isInstanceOf(GatewayOutcome.Declined.class);
    assertThat(((GatewayOutcome.Declined) o).reason()).isEqualTo(DeclineReason.INSUFFICIENT_FUNDS);
    assertThat(acquirer.performed(AcquirerOperation.AUTHORISE)).isZero();
  }

  @Test
  void capture_connectionDroppedAfterCapturing_capturesOnce() throws Exception {
    TransactionId auth = authorise("k-a1", TEN);
    acquirer.enqueue(AcquirerOperation.CAPTURE, AcquirerFault.dropConnectionAfterWork());
    GatewayOutcome o =
        gateway.capture(IdempotencyKey.of("k-cap1"), auth, Money.ofMinor(700, "EUR"), true);
    assertThat(o).isInstanceOf(GatewayOutcome.Approved.class);
    assertThat(((GatewayOutcome.Approved) o).replayed()).isTrue();
    assertThat(acquirer.received(AcquirerOperation.CAPTURE)).isEqualTo(2);
    assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isEqualTo(1);
    assertThat(acquirer.captures()).containsExactly(Money.ofMinor(700, "EUR"));
  }

  @Test
  void charge_serverErrorThenSuccess_retriesWithSameKey() throws Exception {
    acquirer.enqueue(AcquirerOperation.CHARGE, AcquirerFault.serverError(503));
    acquirer.enqueue(AcquirerOperation.CHARGE, AcquirerFault.serverError(502));
    GatewayOutcome o = gateway.charge(IdempotencyKey.of("k-ch"), TOKEN, TEN, "ref-1");
    assertThat(o.approved()).isTrue();
    assertThat(acquirer.received(AcquirerOperation.CHARGE)).isEqualTo(3);
    assertThat(acquirer.charges()).containsExactly(TEN);
  }

  @Test
  void charge_serverErrorOnEveryAttempt_returnsRetryableError() throws Exception {
    for (int i = 0; i < 3; i++) {
      acquirer.enqueue(AcquirerOperation.CHARGE, AcquirerFault.serverError(500));
    }
    GatewayOutcome o = gateway.charge(IdempotencyKey.of("k-ch5"), TOKEN, TEN, "ref-1");
    assertThat(o).isInstanceOf(GatewayOutcome.Error.class);
    assertThat(((GatewayOutcome.Error) o).retryable()).isTrue();
    assertThat(acquirer.performed(AcquirerOperation.CHARGE)).isZero();
  }

  @Test
  void decline_isNotRetried() throws Exception {
    acquirer.enqueue(AcquirerOperation.CHARGE, AcquirerFault.decline(DeclineReason.DO_NOT_HONOUR));
    GatewayOutcome o = gateway.charge(IdempotencyKey.of("k-ch6"), TOKEN, TEN, "ref-1");
    assertThat(((GatewayOutcome.Declined) o).reason()).isEqualTo(DeclineReason.DO_NOT_HONOUR);
    assertThat(acquirer.received(AcquirerOperation.CHARGE)).isEqualTo(1);
  }

  @Test
  void sameKeyDifferentBody_isAnErrorNotAReplay() throws Exception {
    gateway.charge(IdempotencyKey.of("k-same"), TOKEN, TEN, "ref-1");
    assertThatThrownBy(
            () ->
                gateway.charge(
                    IdempotencyKey.of("k-same"), TOKEN, Money.ofMinor(999, "EUR"), "ref-1"))
        .isInstanceOf(IdempotencyKeyReusedException.class)
        .hasMessageContaining("k-same");
    assertThat(acquirer.charges()).containsExactly(TEN);
  }

  @Test
  void authorise_answerTooSlow_retryGetsTheReplayedAnswer() throws Exception {
    HttpPaymentGateway impatient =
        HttpPaymentGateway.builder(acquirer.uri())
            .allowCleartextLoopback()
            .readTimeout(Duration.ofMillis(150))
            .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)))
            .build();
    try {
      acquirer.enqueue(AcquirerOperation.AUTHORISE, AcquirerFault.stallAfterWork());
      GatewayOutcome o = impatient.authorise(IdempotencyKey.of("k-slow"), TOKEN, TEN, "r");
      assertThat(((GatewayOutcome.Approved) o).replayed()).isTrue();
      assertThat(acquirer.received(AcquirerOperation.AUTHORISE)).isEqualTo(2);
      assertThat(acquirer.performed(AcquirerOperation.AUTHORISE)).isEqualTo(1);
    } finally {
      acquirer.releaseStalled();
      impatient.close();
    }
  }

  @Test
  void authorise_noAnswerInTime_throwsTimeout() throws Exception {
    HttpPaymentGateway impatient =
        HttpPaymentGateway.builder(acquirer.uri())
            .allowCleartextLoopback()
            .readTimeout(Duration.ofMillis(150))
            .retryPolicy(RetryPolicy.none())
            .build();
    try {
      acquirer.enqueue(AcquirerOperation.AUTHORISE, AcquirerFault.stallAfterWork());
      assertThatThrownBy(() -> impatient.authorise(IdempotencyKey.of("k-slow2"), TOKEN, TEN, "r"))
          .isInstanceOf(GatewayTimeoutException.class);
    } finally {
      acquirer.releaseStalled();
      impatient.close();
    }
  }

  @Test
  void unreachable_throwsUnavailableAfterRetries() throws Exception {
    acquirer.offline(true);
    assertThatThrownBy(() -> gateway.authorise(IdempotencyKey.of("k-off"), TOKEN, TEN, "r"))
        .isInstanceOf(GatewayUnavailableException.class);
    assertThat(acquirer.requestLines()).hasSize(3);
  }

  @Test
  void urls_carryNoToken() throws Exception {
    TransactionId auth = authorise("k-url", TEN);
    gateway.capture(IdempotencyKey.of("k-url-cap"), auth, TEN, true);
    assertThat(acquirer.requestLines()).isNotEmpty().noneMatch(l -> l.contains(TOKEN.reveal()));
  }

  @Test
  void build_plainHttpWithoutOptIn_fails() {
    assertThatThrownBy(() -> HttpPaymentGateway.builder(acquirer.uri()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
  }

  @Test
  void build_plainHttpToAnotherHost_failsEvenWithOptIn() {
    assertThatThrownBy(
            () ->
                HttpPaymentGateway.builder(URI.create("http://psp.example/"))
                    .allowCleartextLoopback()
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }

  @Test
  void token_thatIsACardNumber_isRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> PaymentToken.of("4111111111111111"))
        .isInstanceOf(PaymentValueException.class)
        .hasMessageNotContaining("4111");
  }

  @Test
  void token_toString_isRedacted() {
    assertThat(TOKEN.toString()).doesNotContain("visa").endsWith("_abc");
  }

  @Test
  void backoff_growsAndStaysWithinCap() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300));
    assertThat(p.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(p.backoff(1, 0.999)).isLessThanOrEqualTo(Duration.ofMillis(100));
    assertThat(p.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.backoff(4, 0.999)).isLessThanOrEqualTo(Duration.ofMillis(300));
  }
}
