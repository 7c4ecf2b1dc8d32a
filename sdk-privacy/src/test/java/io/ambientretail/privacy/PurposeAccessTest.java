package io.ambientretail.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.testing.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PurposeAccessTest {
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-11-27T10:00:00Z"));
  private final RecordingSink audit = new RecordingSink();
  private final ConsentRegistry consent = ConsentRegistry.create(clock, audit);
  private final PurposeAccess access =
      PurposeAccess.create(PurposePolicy.retailDefaults(), consent, audit);
  private final SubjectId alice = SubjectId.of("loyalty:4711");

  private void publishLoyaltyNotice() {
    consent.publish(
        ConsentNotice.of(
            "loyalty-programme",
            1,
            Set.of(Purpose.LOYALTY, Purpose.MARKETING),
            "We use your purchases to...",
            clock.instant()));
  }

  @Test
  void decide_undeclaredUse_isDenied() {
    assertThat(access.decide(alice, DataCategory.BIOMETRIC_TEMPLATE, Purpose.MARKETING))
        .isEqualTo(AccessDecision.DENIED_UNDECLARED);
  }

  @Test
  void decide_contractBasis_needsNoConsent() {
    assertThat(access.decide(alice, DataCategory.PURCHASE_HISTORY, Purpose.ORDER_FULFILMENT))
        .isEqualTo(AccessDecision.ALLOWED);
  }

  @Test
  void consent_grantThenWithdraw_flipsTheDecisionAndKeepsProof() {
    publishLoyaltyNotice();
    assertThat(access.decide(alice, DataCategory.CONTACT, Purpose.MARKETING))
        .isEqualTo(AccessDecision.DENIED_NO_CONSENT);
    consent.grant(alice, "loyalty-programme", 1, Set.of(Purpose.MARKETING), "kiosk-2");
    assertThat(access.decide(alice, DataCategory.CONTACT, Purpose.MARKETING))
        .isEqualTo(AccessDecision.ALLOWED_BY_CONSENT);
    clock.advance(java.time.Duration.ofDays(3));
    consent.withdraw(alice, Purpose.MARKETING, "app");
    assertThat(access.decide(alice, DataCategory.CONTACT, Purpose.MARKETING))
        .isEqualTo(AccessDecision.DENIED_NO_CONSENT);

    List<ConsentRecord> proof = consent.history(alice);
    assertThat(proof)
        .extracting(ConsentRecord::action)
        .containsExactly(ConsentRecord.Action.GRANT, ConsentRecord.Action.WITHDRAW);
    assertThat(proof.get(0).noticeVersion()).isEqualTo(1);
    assertThat(proof.get(0).channel()).isEqualTo("kiosk-2");
    assertThat(proof.get(1).time()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
    assertThat(audit.events)
        .extracting(e -> e.action())
        .containsExactly("consent.grant", "consent.withdraw");
  }

  @Test
  void grant_purposeNotInNotice_orUnknownVersion_isRefused() {
    publishLoyaltyNotice();
    assertThatThrownBy(
            () -> consent.grant(alice, "loyalty-programme", 1, Set.of(Purpose.ANALYTICS), "web"))
        .hasMessageContaining("analytics");
    assertThatThrownBy(
            () -> consent.grant(alice, "loyalty-programme", 2, Set.of(Purpose.LOYALTY), "web"))
        .hasMessageContaining("version 2");
    assertThatThrownBy(
            () ->
                consent.publish(
                    ConsentNotice.of(
                        "loyalty-programme", 1, Set.of(Purpose.LOYALTY), "x", clock.instant())))
        .hasMessageContaining("not newer");
    assertThat(consent.history(alice)).isEmpty();
  }

  @Test
  void objection_stopsLegitimateInterestUse() {
    assertThat(access.decide(alice, DataCategory.PURCHASE_HISTORY, Purpose.ANALYTICS))
        .isEqualTo(AccessDecision.ALLOWED);
    consent.object(alice, Purpose.ANALYTICS, "support-call");
    assertThat(access.decide(alice, DataCategory.PURCHASE_HISTORY, Purpose.ANALYTICS))
        .isEqualTo(AccessDecision.DENIED_OBJECTED);
  }

  @Test
  void check_auditsTheDecision() {
    access.check("marketing-service", alice, DataCategory.CONTACT, Purpose.MARKETING, "crm");
    assertThat(audit.last().action()).isEqualTo("purpose.check");
    assertThat(audit.last().detail()).contains("DENIED_NO_CONSENT");
  }

  @Test
  void withdrawal_racingChecks_noCheckStartedAfterWithdrawalIsAllowed() throws Exception {
    publishLoyaltyNotice();
    consent.grant(alice, "loyalty-programme", 1, Set.of(Purpose.LOYALTY), "kiosk-1");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicBoolean withdrawn = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(2);
    List<Future<long[]>> results = new ArrayList<>();
    try {
      for (int t = 0; t < 2; t++) {
        results.add(
            pool.submit(
                () -> {
                  long allowedBefore = 0;
                  long allowedAfter = 0;
                  running.countDown();
                  while (!stop.get()) {
                    boolean after = withdrawn.get();
                    boolean allowed =
                        access
                            .decide(alice, DataCategory.PURCHASE_HISTORY, Purpose.LOYALTY)
                            .allowed();
                    if (allowed && after) {
                      allowedAfter++;
                    } else if (allowed) {
                      allowedBefore++;
                    }
                  }
                  return new long[] {allowedBefore, allowedAfter};
                }));
      }
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      consent.withdraw(alice, Purpose.LOYALTY, "app");
      withdrawn.set(true);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
      while (System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      stop.set(true);
      for (Future<long[]> f : results) {
        long[] r = f.get(10, TimeUnit.SECONDS);
        assertThat(r[1])
            .as("checks started after the withdrawal returned and were allowed")
            .isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void listener_runsBeforeWithdrawReturns() {
    publishLoyaltyNotice();
    List<ConsentRecord> seen = new ArrayList<>();
    consent.onChange(seen::add);
    consent.grant(alice, "loyalty-programme", 1, Set.of(Purpose.LOYALTY), "kiosk-1");
    consent.withdraw(alice, Purpose.LOYALTY, "app");
    assertThat(seen)
        .extracting(ConsentRecord::action)
        .containsExactly(ConsentRecord.Action.GRANT, ConsentRecord.Action.WITHDRAW);
  }

  @Test
  void subjectId_hostileValues_areRefusedNamingPosition() {
    assertThatThrownBy(() -> SubjectId.of("a b")).hasMessageContaining("position 1");
    assertThatThrownBy(() -> SubjectId.of("")).isInstanceOf(PrivacyException.class);
    assertThatThrownBy(() -> SubjectId.of("x".repeat(129))).hasMessageContaining("128");
    assertThatThrownBy(() -> Purpose.of("Marketing!")).isInstanceOf(PrivacyException.class);
  }
}
