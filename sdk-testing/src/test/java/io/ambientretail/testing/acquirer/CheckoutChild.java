package io.ambientretail.testing.acquirer;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import io.ambientretail.payments.gateway.http.RetryPolicy;
import io.ambientretail.payments.session.EntryDecision;
import io.ambientretail.payments.session.HoldPolicy;
import io.ambientretail.payments.session.PaymentJournal;
import io.ambientretail.payments.session.SessionId;
import io.ambientretail.payments.session.WalkOutSession;
import io.ambientretail.payments.session.WalkOutSessions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The store process that {@link ProcessKillRecoveryTest} starts in a child JVM and kills: it runs
 * one walk-out visit against the acquirer, printing a marker line before each step.
 *
 * <p>Arguments: journal path, acquirer base URL, session id, basket total in EUR cents.
 */
public final class CheckoutChild {
  private CheckoutChild() {}

  public static void main(String[] args) throws Exception {
    Path journalFile = Path.of(args[0]);
    URI acquirer = URI.create(args[1]);
    SessionId id = SessionId.of(args[2]);
    Money total = Money.ofMinor(Long.parseLong(args[3]), "EUR");
    try (HttpPaymentGateway gateway =
            HttpPaymentGateway.builder(acquirer)
                .allowCleartextLoopback()
                .readTimeout(Duration.ofMinutes(5))
                .retryPolicy(RetryPolicy.none())
                .build();
        PaymentJournal journal = PaymentJournal.open(journalFile)) {
      WalkOutSessions sessions =
          WalkOutSessions.builder(
                  gateway, journal, HoldPolicy.builder(Money.ofMinor(5000, "EUR")).build())
              .build();
      System.out.println("READY");
      EntryDecision d =
          sessions.enter(
              id,
              PaymentToken.of("tok_visa_child"),
              CardId.ofHex("0123456789abcdef0123456789abcdef"));
      System.out.println("ENTERED " + d.outcome());
      WalkOutSession s = d.session().orElseThrow();
      s.basketChanged(total);
      System.out.println("EXITING");
      System.out.println("RECEIPT " + s.exit(total).status());
    }
  }
}
