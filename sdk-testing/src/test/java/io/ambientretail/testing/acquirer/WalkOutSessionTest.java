package io.ambientretail.testing.acquirer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.IdempotencyKeyReusedException;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.PaymentValueException;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import io.ambientretail.payments.session.BasketCoverage;
import io.ambientretail.payments.session.EntryDecision;
import io.ambientretail.payments.session.HoldPolicy;
import io.ambientretail.payments.session.PaymentJournal;
import io.ambientretail.payments.session.Receipt;
import io.ambientretail.payments.session.ReceiptLine;
import io.ambientretail.payments.session.SessionId;
import io.ambientretail.payments.session.WalkOutSession;
import io.ambientretail.payments.session.WalkOutSessions;
import io.ambientretail.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WalkOutSessionTest {
  private static final PaymentToken VISA = PaymentToken.of("tok_visa_walkout");
  private static final CardId CARD = CardId.ofHex("00112233445566778899aabbccddeeff");

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T09:00:00Z"));
  private SimulatedAcquirer acquirer;
  private HttpPaymentGateway gateway;
  private Path dir;
  private PaymentJournal journal;
  private WalkOutSessions sessions;

  @BeforeEach
  void start() throws Exception {
    acquirer = SimulatedAcquirer.builder().clock(clock).captureWindow(Duration.ofHours(24)).start();
    gateway = TestRuns.gateway(acquirer);
    dir = TestRuns.newDir("walkout");
    journal = PaymentJournal.open(dir.resolve("payments.journal"));
    sessions = sessions(journal);
  }

  private WalkOutSessions sessions(PaymentJournal j) {
    return WalkOutSessions.builder(
            gateway,
            j,
            HoldPolicy.builder(eur(5000))
                .incrementStep(eur(2000))
                .settleMargin(Duration.ofHours(1))
                .build())
        .clock(clock)
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    journal.close();
    gateway.close();
    acquirer.close();
  }

  private static Money eur(long minor) {
    return Money.ofMinor(minor, "EUR");
  }

  private WalkOutSession enter(String id, PaymentToken token) throws Exception {
    EntryDecision d = sessions.enter(SessionId.of(id), token, CARD);
    assertThat(d.opensDoor()).as(d.toString()).isTrue();
    return d.session().orElseThrow();
  }

  @Test
  void visit_basketWithinHold_capturesTotalAndReleasesTheRest() throws Exception {
    WalkOutSession s = enter("v1", VISA);
    assertThat(s.captureBefore()).contains(Instant.parse("2026-11-28T09:00:00Z"));
    assertThat(s.basketChanged(eur(1250))).isEqualTo(BasketCoverage.COVERED);
    Receipt r = s.exit(eur(1250));
    assertThat(r.status()).isEqualTo(Receipt.Status.COMPLETE);
    assertThat(r.lines()).extracting(ReceiptLine::kind).containsExactly(ReceiptLine.Kind.CAPTURE);
    assertThat(r.charged()).isEqualTo(eur(1250));
    assertThat(r.released()).isEqualTo(eur(3750));
    assertThat(acquirer.captures()).containsExactly(eur(1250));
  }

  @Test
  void entry_declined_keepsTheDoorShut() throws Exception {
    EntryDecision d = sessions.enter(SessionId.of("v2"), PaymentToken.of("tok_decline_1"), CARD);
    assertThat(d.opensDoor()).isFalse();
    assertThat(d.outcome()).isEqualTo(EntryDecision.Outcome.DECLINED);
    assertThat(d.declineReason()).contains(DeclineReason.INSUFFICIENT_FUNDS);
    assertThat(d.session()).isEmpty();
  }

  @Test
  void enter_twice_holdsOnce() throws Exception {
    enter("v3", VISA);
    enter("v3", VISA);
    assertThat(acquirer.performed(AcquirerOperation.AUTHORISE)).isEqualTo(1);
  }

  @Test
  void basket_outgrowsHold_incrementsInSteps_andCapturesTotal() throws Exception {
    WalkOutSession s = enter("v4", VISA);
    assertThat(s.basketChanged(eur(5100))).isEqualTo(BasketCoverage.INCREMENTED);
    assertThat(s.authorised()).isEqualTo(eur(7000));
    assertThat(s.basketChanged(eur(6900))).isEqualTo(BasketCoverage.COVERED);
    Receipt r = s.exit(eur(6900));
    assertThat(acquirer.performed(AcquirerOperation.INCREMENT)).isEqualTo(1);
    assertThat(acquirer.captures()).containsExactly(eur(6900));
    assertThat(r.released()).isEqualTo(eur(100));
  }

  @Test
  void emptyBasket_voidsTheHold() throws Exception {
    WalkOutSession s = enter("v5", VISA);
    Receipt r = s.exit(eur(0));
    assertThat(r.status()).isEqualTo(Receipt.Status.COMPLETE);
    assertThat(r.lines()).isEmpty();
    assertThat(r.released()).isEqualTo(eur(5000));
    assertThat(acquirer.performed(AcquirerOperation.RELEASE)).isEqualTo(1);
    assertThat(acquirer.captures()).isEmpty();
  }

  @Test
  void incrementRefused_capturesTheHold_andChargesTheRestOnTheSameToken() throws Exception {
    WalkOutSession s = enter("v6", PaymentToken.of("tok_wallet_pay"));
    assertThat(s.basketChanged(eur(8000))).isEqualTo(BasketCoverage.RECOVER_AT_EXIT);
    Receipt r = s.exit(eur(8000));
    assertThat(r.status()).isEqualTo(Receipt.Status.COMPLETE);
    assertThat(r.lines())
        .extracting(ReceiptLine::kind)
        .containsExactly(ReceiptLine.Kind.CAPTURE, ReceiptLine.Kind.RECOVERY_CHARGE);
    assertThat(acquirer.captures()).containsExactly(eur(5000));
    assertThat(acquirer.charges()).containsExactly(eur(3000));
    assertThat(r.charged()).isEqualTo(eur(8000));
  }

  @Test
  void recoveryChargeDeclined_leavesTheRestOutstanding() throws Exception {
    WalkOutSession s = enter("v7", PaymentToken.of("tok_wallet_pay"));
    acquirer.enqueue(AcquirerOperation.CHARGE, AcquirerFault.decline(DeclineReason.DO_NOT_HONOUR));
    Receipt r = s.exit(eur(6000));
    assertThat(r.status()).isEqualTo(Receipt.Status.OUTSTANDING);
    assertThat(r.outstanding()).isEqualTo(eur(1000));
    assertThat(r.charged()).isEqualTo(eur(5000));
  }

  @Test
  void exit_connectionDroppedAfterCapture_capturesOnce() throws Exception {
    WalkOutSession s = enter("v8", VISA);
    acquirer.enqueue(AcquirerOperation.CAPTURE, AcquirerFault.dropConnectionAfterWork());
    Receipt r = s.exit(eur(4200));
    assertThat(r.status()).isEqualTo(Receipt.Status.COMPLETE);
    assertThat(acquirer.received(AcquirerOperation.CAPTURE)).isEqualTo(2);
    assertThat(acquirer.captures()).containsExactly(eur(4200));
  }

  @Test
  void exit_gatewayDown_isPending_thenRecoverCapturesOnce() throws Exception {
    WalkOutSession s = enter("v9", VISA);
    acquirer.offline(true);
    Receipt pending = s.exit(eur(3100));
    assertThat(pending.status()).isEqualTo(Receipt.Status.PENDING);
    acquirer.offline(false);
    assertThat(sessions.recover())
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(Receipt.Status.COMPLETE));
    assertThat(sessions.recover()).isEmpty();
    assertThat(acquirer.captures()).containsExactly(eur(3100));
  }

  @Test
  void exit_fromTwoThreadsAtOnce_capturesOnce() throws Exception {
    WalkOutSession s = enter("v19", VISA);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.Callable<Receipt> exit =
          () -> {
            go.await();
            return s.exit(eur(2222));
          };
      var a = pool.submit(exit);
      var b = pool.submit(exit);
      go.countDown();
      assertThat(a.get(30, java.util.concurrent.TimeUnit.SECONDS).status())
          .isEqualTo(Receipt.Status.COMPLETE);
      assertThat(b.get(30, java.util.concurrent.TimeUnit.SECONDS).status())
          .isEqualTo(Receipt.Status.COMPLETE);
    } finally {
      pool.shutdownNow();
    }
    assertThat(acquirer.received(AcquirerOperation.CAPTURE)).isEqualTo(1);
    assertThat(acquirer.captures()).containsExactly(eur(2222));
  }

  @Test
  void exit_again_withAnotherTotal_fails() throws Exception {
    WalkOutSession s = enter("v10", VISA);
    s.exit(eur(100));
    assertThat(s.exit(eur(100)).status()).isEqualTo(Receipt.Status.COMPLETE);
    assertThatThrownBy(() -> s.exit(eur(200))).isInstanceOf(PaymentValueException.class);
    assertThat(acquirer.captures()).containsExactly(eur(100));
  }

  @Test
  void refund_refersToTheReceipt_andIsIdempotentPerReference() throws Exception {
    Receipt r = enter("v11", PaymentToken.of("tok_wallet_pay")).exit(eur(7000));
    Receipt after = sessions.refund(r, eur(2500), "ret-1");
    // the refund comes from the latest charge first (2000), then the capture (500)
    assertThat(after.lines())
        .filteredOn(l -> l.kind() == ReceiptLine.Kind.REFUND)
        .extracting(ReceiptLine::amount)
        .containsExactly(eur(2000), eur(500));
    sessions.refund(r, eur(2500), "ret-1");
    assertThat(acquirer.performed(AcquirerOperation.REFUND)).isEqualTo(2);
    assertThat(acquirer.netMinor("EUR")).isEqualTo(4500);
    assertThat(after.charged()).isEqualTo(eur(4500));
  }

  @Test
  void refund_sameReferenceAnotherAmount_isAnError() throws Exception {
    Receipt r = enter("v17", VISA).exit(eur(3000));
    sessions.refund(r, eur(1000), "ret-9");
    assertThatThrownBy(() -> sessions.refund(r, eur(1500), "ret-9"))
        .isInstanceOf(IdempotencyKeyReusedException.class)
        .hasMessageContaining("ret-9");
    assertThat(acquirer.netMinor("EUR")).isEqualTo(2000);
  }

  @Test
  void entry_gatewayDownWithoutStoreAndForward_keepsDoorShut_andRecoverReleasesAnyHold()
      throws Exception {
    acquirer.offline(true);
    EntryDecision d = sessions.enter(SessionId.of("v18"), VISA, CARD);
    assertThat(d.outcome()).isEqualTo(EntryDecision.Outcome.UNAVAILABLE);
    assertThat(d.opensDoor()).isFalse();
    acquirer.offline(false);
    assertThat(sessions.recover()).isEmpty();
    assertThat(sessions.openSessions()).isEmpty();
    // the lost authorisation was sent again with its key to learn its fate, then released
    assertThat(acquirer.performed(AcquirerOperation.AUTHORISE)).isEqualTo(1);
    assertThat(acquirer.performed(AcquirerOperation.RELEASE)).isEqualTo(1);
    assertThat(acquirer.captures()).isEmpty();
  }

  @Test
  void adjust_upwards_chargesTheDifference() throws Exception {
    Receipt r = enter("v12", VISA).exit(eur(1000));
    Receipt after = sessions.adjust(r, eur(1300), "fix-1");
    assertThat(after.lines())
        .extracting(ReceiptLine::kind)
        .containsExactly(ReceiptLine.Kind.CAPTURE, ReceiptLine.Kind.ADJUSTMENT_CHARGE);
    assertThat(after.charged()).isEqualTo(eur(1300));
    Receipt down = sessions.adjust(after, eur(900), "fix-2");
    assertThat(down.charged()).isEqualTo(eur(900));
    assertThat(acquirer.netMinor("EUR")).isEqualTo(900);
  }

  @Test
  void settleDue_beforeTheGatewaysDeadline_capturesTheLastBasket() throws Exception {
    WalkOutSession s = enter("v13", VISA);
    s.basketChanged(eur(800));
    clock.advance(Duration.ofHours(22));
    assertThat(sessions.settleDue()).isEmpty();
    clock.advance(Duration.ofMinutes(61));
    assertThat(sessions.settleDue())
        .singleElement()
        .satisfies(r -> assertThat(r.total()).isEqualTo(eur(800)));
    assertThat(acquirer.captures()).containsExactly(eur(800));
    assertThat(s.closed()).isTrue();
  }

  @Test
  void restart_readsTheJournal_andFinishesWithoutASecondCapture() throws Exception {
    WalkOutSession s = enter("v14", VISA);
    s.basketChanged(eur(900));
    journal.close();
    journal = PaymentJournal.open(dir.resolve("payments.journal"));
    sessions = sessions(journal);
    assertThat(sessions.openSessions())
        .extracting(WalkOutSession::id)
        .containsExactly(SessionId.of("v14"));
    Receipt r = sessions.session(SessionId.of("v14")).orElseThrow().exit(eur(900));
    assertThat(r.status()).isEqualTo(Receipt.Status.COMPLETE);
    assertThat(acquirer.performed(AcquirerOperation.AUTHORISE)).isEqualTo(1);
    assertThat(acquirer.captures()).containsExactly(eur(900));
  }

  @Test
  void compact_dropsSettledSessions_keepsOpenOnes() throws Exception {
    enter("v15", VISA).exit(eur(100));
    enter("v16", VISA);
    assertThat(journal.compact()).isEqualTo(1);
    journal.close();
    journal = PaymentJournal.open(dir.resolve("payments.journal"));
    assertThat(journal.sessionIds()).containsExactly(SessionId.of("v16"));
  }
}
