package io.ambientretail.testing.acquirer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.DeclineReason;
import io.ambientretail.payments.gateway.GatewayOutcome;
import io.ambientretail.payments.gateway.GatewayTlsException;
import io.ambientretail.payments.gateway.IdempotencyKey;
import io.ambientretail.payments.gateway.PaymentGateway;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import io.ambientretail.payments.offline.OfflineAdmission;
import io.ambientretail.payments.offline.OfflinePolicy;
import io.ambientretail.payments.offline.QueuedPayment;
import io.ambientretail.payments.offline.ReplayReport;
import io.ambientretail.payments.offline.StoreAndForward;
import io.ambientretail.payments.session.EntryDecision;
import io.ambientretail.payments.session.HoldPolicy;
import io.ambientretail.payments.session.PaymentJournal;
import io.ambientretail.payments.session.Receipt;
import io.ambientretail.payments.session.SessionId;
import io.ambientretail.payments.session.WalkOutSessions;
import io.ambientretail.testing.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreAndForwardTest {
  private static final CardId ALICE = CardId.ofHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  private static final CardId BOB = CardId.ofHex("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  private static final CardId MALLORY = CardId.ofHex("cccccccccccccccccccccccccccccccc");

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T09:00:00Z"));
  private SecretKey key;
  private Path dir;
  private SimulatedAcquirer acquirer;
  private HttpPaymentGateway gateway;
  private StoreAndForward saf;

  @BeforeEach
  void start() throws Exception {
    KeyGenerator g = KeyGenerator.getInstance("AES");
    g.init(256);
    key = g.generateKey();
    dir = Files.createDirectories(TestRuns.newDir("saf"));
    acquirer = SimulatedAcquirer.builder().clock(clock).start();
    gateway = TestRuns.gateway(acquirer);
    saf = open();
  }

  private StoreAndForward open() throws Exception {
    return StoreAndForward.open(dir.resolve("saf.queue"), key, policy(), clock);
  }

  private static OfflinePolicy policy() {
    return OfflinePolicy.builder(eur(6000), eur(10000))
        .deny(Set.of(MALLORY))
        .maxAge(Duration.ofHours(24))
        .warnBefore(Duration.ofHours(4))
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    saf.close();
    gateway.close();
    acquirer.close();
  }

  private static Money eur(long minor) {
    return Money.ofMinor(minor, "EUR");
  }

  private QueuedPayment queue(String k, CardId card, long minor) throws Exception {
    return saf.enqueue(
        IdempotencyKey.of(k), PaymentToken.of("tok_" + k), card, eur(minor), eur(0), k);
  }

  @Test
  void admissions_surviveARestartDuringTheOutage_perCardAndInTotal() throws Exception {
    assertThat(saf.admit(ALICE, eur(5000)).admitted()).isTrue();
    assertThat(saf.admit(BOB, eur(3000)).admitted()).isTrue();
    assertThat(saf.admit(BOB, eur(1000)).admitted()).isTrue();
    saf.cancel(BOB, eur(1000)); // one of Bob's visits took nothing
    saf.close();
    saf = open(); // the process restarted while both shoppers are still inside
    assertThat(saf.owedBy(ALICE)).isEqualTo(eur(5000));
    assertThat(saf.owedBy(BOB)).isEqualTo(eur(3000));
    assertThat(saf.exposure()).isEqualTo(eur(8000));
    // the limits still count them: Alice may not pass her per-card limit, nobody the total
    assertThat(saf.admit(ALICE, eur(1001)).refusal())
        .isEqualTo(OfflineAdmission.Refusal.CARD_LIMIT);
    assertThat(saf.admit(CardId.ofHex("dddddddddddddddddddddddddddddddd"), eur(2001)).refusal())
        .isEqualTo(OfflineAdmission.Refusal.TOTAL_EXPOSURE);
  }

  @Test
  void enqueue_replacesTheReservationDurably_notCountedTwiceAfterRestart() throws Exception {
    assertThat(saf.admit(ALICE, eur(5000)).admitted()).isTrue();
    assertThat(saf.admit(BOB, eur(4000)).admitted()).isTrue();
    saf.enqueue(
        IdempotencyKey.of("k-alice"),
        PaymentToken.of("tok_alice"),
        ALICE,
        eur(1250),
        eur(5000),
        "visit-a");
    saf.close();
    saf = open();
    assertThat(saf.owedBy(ALICE)).isEqualTo(eur(1250));
    assertThat(saf.exposure()).isEqualTo(eur(5250));
    // forwarding empties the queue; Bob, still inside, keeps his reservation across the rewrite
    ReplayReport report = saf.replay(gateway);
    assertThat(report.forwarded()).hasSize(1);
    saf.close();
    saf = open();
    assertThat(saf.pending()).isEmpty();
    assertThat(saf.owedBy(ALICE)).isEqualTo(eur(0));
    assertThat(saf.owedBy(BOB)).isEqualTo(eur(4000));
    assertThat(saf.exposure()).isEqualTo(eur(4000));
    assertThat(Files.readAllBytes(dir.resolve("saf.queue")))
        .asString(StandardCharsets.ISO_8859_1)
        .doesNotContain("tok_alice", "bbbbbbbb");
  }

  @Test
  void admit_whenTheReservationCannotBeWritten_isRefused() throws Exception {
    saf.close(); // the file is gone from under the queue
    OfflineAdmission a = saf.admit(ALICE, eur(100));
    assertThat(a.admitted()).isFalse();
    assertThat(a.refusal()).isEqualTo(OfflineAdmission.Refusal.NOT_RECORDED);
    assertThat(saf.owedBy(ALICE)).isEqualTo(eur(0));
    saf = open();
    assertThat(saf.exposure()).isEqualTo(eur(0));
  }

  @Test
  void admit_appliesDenyListPerCardAndTotalLimits() throws Exception {
    assertThat(saf.admit(MALLORY, eur(100)).refusal())
        .isEqualTo(OfflineAdmission.Refusal.DENY_LISTED);
    assertThat(saf.admit(ALICE, eur(5000)).admitted()).isTrue();
    assertThat(saf.admit(ALICE, eur(1001)).refusal())
        .isEqualTo(OfflineAdmission.Refusal.CARD_LIMIT);
    assertThat(saf.admit(BOB, eur(5000)).admitted()).isTrue();
    assertThat(saf.admit(CardId.ofHex("dddddddddddddddddddddddddddddddd"), eur(1)).refusal())
        .isEqualTo(OfflineAdmission.Refusal.TOTAL_EXPOSURE);
    saf.cancel(BOB, eur(5000));
    assertThat(saf.exposure()).isEqualTo(eur(5000));
  }

  @Test
  void admit_whileAQueuedPaymentIsPastMaxAge_refuses() throws Exception {
    queue("old-1", ALICE, 100);
    clock.advance(Duration.ofHours(24));
    assertThat(saf.admit(BOB, eur(100)).refusal())
        .isEqualTo(OfflineAdmission.Refusal.OFFLINE_TOO_LONG);
  }

  @Test
  void queue_survivesRestart_encrypted_andReplaysInOrderExactlyOnce() throws Exception {
    queue("q-1", ALICE, 1100);
    queue("q-2", BOB, 2200);
    queue("q-3", ALICE, 3300);
    byte[] file = Files.readAllBytes(dir.resolve("saf.queue"));
    assertThat(new String(file, StandardCharsets.ISO_8859_1))
        .doesNotContain("tok_q-1")
        .doesNotContain("aaaaaaaa");
    saf.close();
    saf = open();
    assertThat(saf.pending())
        .extracting(QueuedPayment::reference)
        .containsExactly("q-1", "q-2", "q-3");

    // the acquirer is briefly down: the replay stops at the first payment, keeping order
    acquirer.enqueue(AcquirerOperation.CHARGE, AcquirerFault.serverError(503));
    HttpPaymentGateway noRetry =
        HttpPaymentGateway.builder(acquirer.uri())
            .allowCleartextLoopback()
            .retryPolicy(io.ambientretail.payments.gateway.http.RetryPolicy.none())
            .build();
    try {
      ReplayReport first = saf.replay(noRetry);
      assertThat(first.forwarded()).isEmpty();
      assertThat(first.remaining()).isEqualTo(3);
      // next time the first payment meets a 503, then a connection dropped after charging:
      // the client's retries carry the same key, so it is charged once
      acquirer.enqueue(AcquirerOperation.CHARGE, AcquirerFault.serverError(503));
      acquirer.enqueue(AcquirerOperation.CHARGE, AcquirerFault.dropConnectionAfterWork());
    } finally {
      noRetry.close();
    }
    saf.close();
    saf = open();
    ReplayReport second = saf.replay(gateway);
    assertThat(second.complete()).isTrue();
    assertThat(second.forwarded())
        .extracting(e -> e.getKey().reference())
        .containsExactly("q-1", "q-2", "q-3");
    assertThat(acquirer.charges()).containsExactly(eur(1100), eur(2200), eur(3300));
    assertThat(acquirer.received(AcquirerOperation.CHARGE)).isEqualTo(6);
    assertThat(saf.replay(gateway).forwarded()).isEmpty();
    saf.close();
    saf = open();
    assertThat(saf.pending()).isEmpty();
    assertThat(acquirer.charges()).hasSize(3);
  }

  @Test
  void replay_declinedPayment_isReportedAndNotRetried() throws Exception {
    queue("d-1", ALICE, 500);
    acquirer.enqueue(AcquirerOperation.CHARGE, AcquirerFault.decline(DeclineReason.EXPIRED_CARD));
    ReplayReport r = saf.replay(gateway);
    assertThat(r.forwarded())
        .singleElement()
        .satisfies(e -> assertThat(e.getValue()).isInstanceOf(GatewayOutcome.Declined.class));
    assertThat(saf.pending()).isEmpty();
    assertThat(saf.replay(gateway).forwarded()).isEmpty();
    assertThat(acquirer.received(AcquirerOperation.CHARGE)).isEqualTo(1);
  }

  @Test
  void expiry_warnsOnlyWithinTheWarningWindow() throws Exception {
    queue("e-1", ALICE, 100);
    clock.advance(Duration.ofHours(1));
    queue("e-2", BOB, 200);
    List<String> warned = new ArrayList<>();
    assertThat(saf.checkExpiry((p, left) -> warned.add(p.reference()))).isZero();
    clock.advance(Duration.ofHours(19)); // e-1 now 20h old: 4h left
    assertThat(
            saf.checkExpiry(
                (p, left) -> {
                  warned.add(p.reference() + " " + left);
                }))
        .isEqualTo(1);
    assertThat(warned).containsExactly("e-1 PT4H");
    clock.advance(Duration.ofHours(1));
    assertThat(saf.expiringSoon())
        .extracting(QueuedPayment::reference)
        .containsExactly("e-1", "e-2");
  }

  @Test
  void open_withAnotherKey_fails() throws Exception {
    queue("k-1", ALICE, 100);
    saf.close();
    KeyGenerator g = KeyGenerator.getInstance("AES");
    g.init(256);
    SecretKey other = g.generateKey();
    assertThatThrownBy(() -> StoreAndForward.open(dir.resolve("saf.queue"), other, policy(), clock))
        .isInstanceOf(GeneralSecurityException.class);
    saf = open();
    assertThat(saf.pending()).hasSize(1);
  }

  @Test
  void walkOut_gatewayDownAtEntry_admitsOffline_queuesCharge_andReplaysWhenBack() throws Exception {
    try (PaymentJournal journal = PaymentJournal.open(dir.resolve("payments.journal"))) {
      WalkOutSessions sessions =
          WalkOutSessions.builder(gateway, journal, HoldPolicy.builder(eur(3000)).build())
              .clock(clock)
              .storeAndForward(saf)
              .build();
      acquirer.offline(true);
      EntryDecision d =
          sessions.enter(SessionId.of("off-1"), PaymentToken.of("tok_visa_off"), ALICE);
      assertThat(d.outcome()).isEqualTo(EntryDecision.Outcome.ADMITTED_OFFLINE);
      assertThat(saf.owedBy(ALICE)).isEqualTo(eur(3000));
      Receipt r = d.session().orElseThrow().exit(eur(2750));
      assertThat(r.status()).isEqualTo(Receipt.Status.QUEUED_OFFLINE);
      assertThat(saf.pending()).extracting(QueuedPayment::amount).containsExactly(eur(2750));
      assertThat(saf.owedBy(ALICE)).isEqualTo(eur(2750));
      EntryDecision denied =
          sessions.enter(SessionId.of("off-2"), PaymentToken.of("tok_visa_mal"), MALLORY);
      assertThat(denied.outcome()).isEqualTo(EntryDecision.Outcome.REFUSED_OFFLINE);

      acquirer.offline(false);
      sessions.recover();
      ReplayReport report = saf.replay(gateway);
      assertThat(report.forwarded()).hasSize(1);
      assertThat(acquirer.charges()).containsExactly(eur(2750));
      assertThat(acquirer.captures()).isEmpty();
      // the entry holds whose answers were lost are resolved with their own keys; any hold that
      // the resend created is released, so only the queued charge takes money
      assertThat(acquirer.performed(AcquirerOperation.RELEASE))
          .isEqualTo(acquirer.performed(AcquirerOperation.AUTHORISE));
      assertThat(journal.sessionIds()).hasSize(2);
      assertThat(sessions.openSessions()).isEmpty();
      assertThat(report.forwarded().get(0))
          .extracting(Map.Entry::getValue)
          .isInstanceOf(GatewayOutcome.Approved.class);
    }
  }

  @Test
  void walkOut_gatewayTlsRefusedAtEntry_isNotAnOutage_doorStaysShut() throws Exception {
    PaymentGateway untrusted =
        (PaymentGateway)
            Proxy.newProxyInstance(
                PaymentGateway.class.getClassLoader(),
                new Class<?>[] {PaymentGateway.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("authorise")) {
                    throw new GatewayTlsException("authorise: certificate not trusted", null);
                  }
                  try {
                    return method.invoke(gateway, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    try (PaymentJournal journal = PaymentJournal.open(dir.resolve("payments.journal"))) {
      WalkOutSessions sessions =
          WalkOutSessions.builder(untrusted, journal, HoldPolicy.builder(eur(3000)).build())
              .clock(clock)
              .storeAndForward(saf)
              .build();
      EntryDecision d =
          sessions.enter(SessionId.of("tls-1"), PaymentToken.of("tok_visa_tls"), ALICE);
      assertThat(d.outcome()).isEqualTo(EntryDecision.Outcome.UNAVAILABLE);
      assertThat(d.session()).isEmpty();
      assertThat(saf.owedBy(ALICE)).isEqualTo(eur(0));
      assertThat(saf.exposure()).isEqualTo(eur(0));
      assertThat(sessions.openSessions()).isEmpty();
    }
  }
}
