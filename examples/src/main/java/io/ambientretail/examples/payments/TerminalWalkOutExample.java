package io.ambientretail.examples.payments;

import io.ambientretail.core.Money;
import io.ambientretail.payments.terminal.NexoKey;
import io.ambientretail.payments.terminal.NexoPaymentTerminal;
import io.ambientretail.payments.terminal.PaymentTerminal;
import io.ambientretail.payments.terminal.ServiceId;
import io.ambientretail.payments.terminal.TerminalOutcome;
import io.ambientretail.payments.terminal.TransactionReference;
import io.ambientretail.testing.terminal.SimulatedTerminal;
import java.io.IOException;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.time.Clock;

/**
 * A walk-out visit on a certified payment terminal: pre-authorise at entry, adjust to the basket at
 * exit, capture; when the adjustment is refused, capture what was authorised and report the rest.
 * The store only ever sees the terminal's reference, the card alias and a masked number. Runs
 * against the simulated terminal over encrypted nexo on loopback; give {@link #run} a {@link
 * NexoPaymentTerminal} built for a real terminal's address to drive one.
 */
public final class TerminalWalkOutExample {
  private TerminalWalkOutExample() {}

  /**
   * Runs one visit with a basket of {@code basket} and prints one line per step.
   *
   * @return the amount captured
   */
  public static Money run(PaymentTerminal terminal, Money hold, Money basket, PrintStream out)
      throws IOException {
    TerminalOutcome entry = terminal.preAuthorise(ServiceId.of("ENTRY1"), "visit-1", hold);
    if (!(entry instanceof TerminalOutcome.Approved pre)) {
      out.println("entry refused: " + entry);
      return Money.zero(hold.currency());
    }
    out.println(
        "entry: " + pre.amount() + " held on " + pre.maskedPan() + " alias " + pre.cardAlias());
    TransactionReference tx = pre.transaction();
    Money toCapture = basket;
    if (basket.compareTo(hold) > 0) {
      TerminalOutcome adj = terminal.adjust(ServiceId.of("EXIT1"), tx, basket);
      if (!(adj instanceof TerminalOutcome.Approved)) {
        toCapture = hold;
        out.println("adjustment refused (" + adj + "): " + basket.minus(hold) + " held for staff");
      }
    }
    TerminalOutcome capture = terminal.capture(ServiceId.of("EXIT2"), tx, toCapture);
    out.println("capture: " + capture);
    return capture instanceof TerminalOutcome.Approved a ? a.amount() : Money.zero(hold.currency());
  }

  /** One visit on a simulated, encrypted terminal. */
  public static void main(String[] args) throws IOException, GeneralSecurityException {
    NexoKey key = NexoKey.derive("ExampleKey", 1, "example-passphrase".toCharArray());
    try (SimulatedTerminal sim =
        SimulatedTerminal.startEncrypted("P400-EX1", Clock.systemUTC(), key)) {
      PaymentTerminal terminal =
          NexoPaymentTerminal.builder(sim.url(), "kiosk-1", "P400-EX1").encryptWith(key).build();
      run(terminal, Money.parse("50.00 EUR"), Money.parse("62.34 EUR"), System.out);
    } finally {
      key.wipe();
    }
  }
}
