package io.ambientretail.examples.payments;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import io.ambientretail.payments.session.EntryDecision;
import io.ambientretail.payments.session.HoldPolicy;
import io.ambientretail.payments.session.PaymentJournal;
import io.ambientretail.payments.session.Receipt;
import io.ambientretail.payments.session.SessionId;
import io.ambientretail.payments.session.WalkOutSession;
import io.ambientretail.payments.session.WalkOutSessions;
import io.ambientretail.testing.acquirer.SimulatedAcquirer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A walk-out visit against the simulated acquirer: hold at entry, increment, capture at exit. */
public final class WalkOutSessionExample {
  private WalkOutSessionExample() {}

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("walkout");
    run(dir, System.out);
  }

  /** Runs one visit, journaling into {@code dir}, and prints what happened to {@code out}. */
  public static Receipt run(Path dir, PrintStream out) throws Exception {
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start();
        HttpPaymentGateway gateway =
            HttpPaymentGateway.builder(acquirer.uri())
                .allowCleartextLoopback() // the simulator is plain http on 127.0.0.1
                .build();
        PaymentJournal journal = PaymentJournal.open(dir.resolve("payments.journal"))) {
      WalkOutSessions sessions =
          WalkOutSessions.builder(
                  gateway,
                  journal,
                  HoldPolicy.builder(Money.ofMinor(3000, "EUR"))
                      .incrementStep(Money.ofMinor(1000, "EUR"))
                      .build())
              .build();
      sessions.recover(); // finish anything a previous run left half done

      EntryDecision entry =
          sessions.enter(
              SessionId.random(),
              PaymentToken.of("tok_visa_demo"),
              CardId.ofHex("9f86d081884c7d659a2feaa0c55ad015"));
      out.println("door opens: " + entry.opensDoor() + " (" + entry.reason() + ")");
      WalkOutSession visit = entry.session().orElseThrow();

      out.println("basket 12.50 EUR: " + visit.basketChanged(Money.ofMinor(1250, "EUR")));
      out.println(
          "basket 41.20 EUR: "
              + visit.basketChanged(Money.ofMinor(4120, "EUR"))
              + ", now holding "
              + visit.authorised());

      Receipt receipt = visit.exit(Money.ofMinor(4120, "EUR"));
      out.println(
          "receipt "
              + receipt.session()
              + ": "
              + receipt.status()
              + ", charged "
              + receipt.charged()
              + ", released "
              + receipt.released());
      receipt
          .lines()
          .forEach(l -> out.println("  " + l.kind() + " " + l.transaction() + " " + l.amount()));
      return receipt;
    }
  }
}
