package io.ambientretail.testing.acquirer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.TransactionId;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import org.junit.jupiter.api.Test;

/**
 * Amounts near {@code Long.MAX_VALUE} cannot overflow the simulated acquirer's limit checks: a
 * refund, capture or increment of more than is left is declined, never wrapped round to "fits".
 */
class SimulatedAcquirerOverflowTest {
  private static final PaymentToken TOKEN = PaymentToken.of("tok_visa_abc");
  private static final Money TEN = Money.ofMinor(1000, "EUR");
  private static final Money ONE = Money.ofMinor(1, "EUR");
  private static final Money MAX = Money.ofMinor(Long.MAX_VALUE, "EUR");

  private static DeclineReason declined(GatewayOutcome o) {
    assertThat(o).isInstanceOf(GatewayOutcome.Declined.class);
    return ((GatewayOutcome.Declined) o).reason();
  }

  private static TransactionId approved(GatewayOutcome o) {
    assertThat(o).isInstanceOf(GatewayOutcome.Approved.class);
    return ((GatewayOutcome.Approved) o).transaction();
  }

  @Test
  void refund_oneThenLongMax_secondIsDeclined_netUnchanged() throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.builder().start();
        HttpPaymentGateway gateway = TestRuns.gateway(acquirer)) {
      TransactionId charge = approved(gateway.charge(IdempotencyKey.of("c"), TOKEN, TEN, "r"));
      approved(gateway.refund(IdempotencyKey.of("r1"), charge, ONE));
      assertThat(declined(gateway.refund(IdempotencyKey.of("r2"), charge, MAX)))
          .isEqualTo(DeclineReason.AMOUNT_EXCEEDS_REMAINING);
      assertThat(acquirer.netMinor("EUR")).isEqualTo(999);
      assertThat(acquirer.performed(AcquirerOperation.REFUND)).isEqualTo(1);
    }
  }

  @Test
  void capture_oneThenLongMax_secondIsDeclined() throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.builder().start();
        HttpPaymentGateway gateway = TestRuns.gateway(acquirer)) {
      TransactionId auth = approved(gateway.authorise(IdempotencyKey.of("a"), TOKEN, TEN, "r"));
      approved(gateway.capture(IdempotencyKey.of("p1"), auth, ONE, false));
      assertThat(declined(gateway.capture(IdempotencyKey.of("p2"), auth, MAX, false)))
          .isEqualTo(DeclineReason.AMOUNT_EXCEEDS_REMAINING);
      assertThat(acquirer.netMinor("EUR")).isEqualTo(1);
    }
  }

  @Test
  void increment_byLongMax_isDeclinedOverTheLimit() throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.builder().start();
        HttpPaymentGateway gateway = TestRuns.gateway(acquirer)) {
      TransactionId auth = approved(gateway.authorise(IdempotencyKey.of("a"), TOKEN, TEN, "r"));
      assertThat(declined(gateway.increment(IdempotencyKey.of("i"), auth, MAX)))
          .isEqualTo(DeclineReason.AMOUNT_LIMIT);
      assertThat(acquirer.performed(AcquirerOperation.INCREMENT)).isZero();
    }
  }
}
