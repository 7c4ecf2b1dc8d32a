package io.ambientretail.testing.acquirer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.TransactionId;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/** The simulated acquirer's books survive a restart on its state file. */
class SimulatedAcquirerStateFileTest {
  private static final PaymentToken TOKEN = PaymentToken.of("tok_visa_abc");
  private static final Money TEN = Money.ofMinor(1000, "EUR");

  @Test
  void restart_onTheSameStateFile_keepsHoldsCapturesAndKeyedAnswers() throws Exception {
    Path file = TestRuns.newDir("acquirer-state").resolve("acquirer.jsonl");
    TransactionId auth;
    TransactionId charge;
    try (SimulatedAcquirer a = SimulatedAcquirer.builder().stateFile(file).start();
        HttpPaymentGateway g = TestRuns.gateway(a)) {
      auth = approved(g.authorise(IdempotencyKey.of("auth-1"), TOKEN, TEN, "r")).transaction();
      charge = approved(g.charge(IdempotencyKey.of("ch-1"), TOKEN, TEN, "r")).transaction();
    }
    try (SimulatedAcquirer a = SimulatedAcquirer.builder().stateFile(file).start();
        HttpPaymentGateway g = TestRuns.gateway(a)) {
      // the hold is still open: it can be captured, and only up to what it holds
      GatewayOutcome tooMuch =
          g.capture(IdempotencyKey.of("cap-x"), auth, Money.ofMinor(1001, "EUR"), true);
      assertThat(((GatewayOutcome.Declined) tooMuch).reason())
          .isEqualTo(DeclineReason.AMOUNT_EXCEEDS_REMAINING);
      GatewayOutcome.Approved cap =
          approved(g.capture(IdempotencyKey.of("cap-1"), auth, Money.ofMinor(600, "EUR"), true));
      // a request sent again after the restart is answered as the first time, not done twice
      GatewayOutcome.Approved again =
          approved(g.authorise(IdempotencyKey.of("auth-1"), TOKEN, TEN, "r"));
      assertThat(again.transaction()).isEqualTo(auth);
      assertThat(again.replayed()).isTrue();
      assertThat(a.performed(AcquirerOperation.AUTHORISE)).isZero();
      // new ids do not collide with the first run's
      assertThat(cap.transaction()).isNotIn(auth, charge);
      approved(g.refund(IdempotencyKey.of("ref-1"), charge, Money.ofMinor(300, "EUR")));
      assertThat(a.netMinor("EUR")).isEqualTo(600 + 1000 - 300);
    }
    try (SimulatedAcquirer a = SimulatedAcquirer.builder().stateFile(file).start();
        HttpPaymentGateway g = TestRuns.gateway(a)) {
      assertThat(a.netMinor("EUR")).isEqualTo(1300);
      GatewayOutcome closed = g.capture(IdempotencyKey.of("cap-2"), auth, TEN, true);
      assertThat(((GatewayOutcome.Declined) closed).reason())
          .isEqualTo(DeclineReason.AUTHORISATION_CLOSED);
    }
  }

  @Test
  void tornLastLine_isDropped_andTheFileStaysAppendable() throws Exception {
    Path file = TestRuns.newDir("acquirer-torn").resolve("acquirer.jsonl");
    try (SimulatedAcquirer a = SimulatedAcquirer.builder().stateFile(file).start();
        HttpPaymentGateway g = TestRuns.gateway(a)) {
      approved(g.charge(IdempotencyKey.of("ch-1"), TOKEN, TEN, "r"));
    }
    Files.writeString(file, "{\"next\":9,\"idem\":{\"ke", StandardOpenOption.APPEND);
    try (SimulatedAcquirer a = SimulatedAcquirer.builder().stateFile(file).start();
        HttpPaymentGateway g = TestRuns.gateway(a)) {
      assertThat(a.netMinor("EUR")).isEqualTo(1000);
      approved(g.charge(IdempotencyKey.of("ch-2"), TOKEN, TEN, "r"));
    }
    try (SimulatedAcquirer a = SimulatedAcquirer.builder().stateFile(file).start()) {
      assertThat(a.netMinor("EUR")).isEqualTo(2000);
    }
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2);
  }

  @Test
  void damagedLine_failsTheStart_namingFileAndLine() throws Exception {
    Path file = TestRuns.newDir("acquirer-damaged").resolve("acquirer.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"next\":2}\nnot json\n");
    assertThatThrownBy(() -> SimulatedAcquirer.builder().stateFile(file).start())
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2");
  }

  private static GatewayOutcome.Approved approved(GatewayOutcome o) {
    assertThat(o).isInstanceOf(GatewayOutcome.Approved.class);
    return (GatewayOutcome.Approved) o;
  }
}
