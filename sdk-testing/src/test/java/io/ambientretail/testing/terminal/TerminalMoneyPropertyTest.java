package io.ambientretail.testing.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.Money;
import io.ambientretail.payments.terminal.NexoPaymentTerminal;
import io.ambientretail.payments.terminal.PaymentTerminal;
import io.ambientretail.payments.terminal.ServiceId;
import io.ambientretail.payments.terminal.TerminalConnectionLostException;
import io.ambientretail.payments.terminal.TerminalOutcome;
import io.ambientretail.payments.terminal.TerminalTimeoutException;
import io.ambientretail.payments.terminal.TerminalUnavailableException;
import io.ambientretail.payments.terminal.TransactionReference;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded walk-out sessions on the simulated terminal with random declines, refused adjustments,
 * timeouts and dropped connections after approval: unknown outcomes are resolved by transaction
 * status, never by sending again, and the terminal's books equal the receipts.
 */
class TerminalMoneyPropertyTest {
  private static final Money HOLD = Money.ofMinor(5000, "EUR");

  private interface Call {
    TerminalOutcome run(ServiceId id) throws IOException;
  }

  private PaymentTerminal terminal;
  private int service;
  private int unknownOutcomes;

  private ServiceId next() {
    return ServiceId.of("P" + ++service);
  }

  /** Sends once; an unknown outcome is asked about until it is known. */
  private TerminalOutcome once(Call call) throws IOException {
    ServiceId id = next();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return call.run(id);
        } catch (TerminalUnavailableException notSent) {
          // not delivered (e.g. connecting took longer than the timeout): safe to send again
          if (attempt == 20) {
            throw notSent;
          }
        }
      }
    } catch (TerminalTimeoutException | TerminalConnectionLostException unknown) {
      unknownOutcomes++;
      for (int i = 0; i < 100; i++) {
        TerminalOutcome s;
        try {
          s = terminal.status(next(), id);
        } catch (TerminalUnavailableException | TerminalTimeoutException e) {
          continue; // a status request is safe to repeat
        }
        if (!(s instanceof TerminalOutcome.InProgress)) {
          return s;
        }
      }
      throw new AssertionError("status still in progress for " + id);
    }
  }

  private static TerminalFault anyFault(Random rnd, TerminalFault refusal) {
    int r = rnd.nextInt(100);
    if (r < 8) {
      return TerminalFault.TIMEOUT_AFTER_APPROVAL;
    }
    if (r < 16) {
      return TerminalFault.DROP_AFTER_APPROVAL;
    }
    if (r < 28) {
      return refusal;
    }
    return null;
  }

  @Test
  void seededSessions_booksEqualReceipts_noLossNoDoubleCapture() throws IOException {
    Random rnd = new Random(2026);
    int sessions = 300;
    Map<String, Money> charged = new HashMap<>();
    Map<String, Boolean> released = new HashMap<>();
    int declined = 0;
    int refusedAdjustments = 0;
    try (SimulatedTerminal sim = SimulatedTerminal.start("P400-PROP", Clock.systemUTC())) {
      terminal =
          NexoPaymentTerminal.builder(sim.url(), "till-1", "P400-PROP")
              .readTimeout(Duration.ofMillis(200))
              .build();
      for (int s = 0; s < sessions; s++) {
        Money basket = Money.ofMinor(rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(12_000), "EUR");
        TerminalFault f = anyFault(rnd, TerminalFault.DECLINE);
        if (f != null) {
          sim.script(f);
        }
        String visit = "visit-" + s;
        TerminalOutcome pre = once(id -> terminal.preAuthorise(id, visit, HOLD));
        if (pre instanceof TerminalOutcome.Declined) {
          declined++;
          continue;
        }
        TransactionReference tx = ((TerminalOutcome.Approved) pre).transaction();
        if (basket.isZero()) {
          assertThat(once(id -> terminal.reverse(id, tx)))
              .isInstanceOf(TerminalOutcome.Reversed.class);
          released.put(tx.transactionId(), true);
          continue;
        }
        Money toCapture = basket;
        if (basket.compareTo(HOLD) > 0) {
          f = anyFault(rnd, TerminalFault.REFUSE_ADJUSTMENT);
          if (f != null) {
            sim.script(f);
          }
          TerminalOutcome adj = once(id -> terminal.adjust(id, tx, basket));
          if (adj instanceof TerminalOutcome.Declined) {
            refusedAdjustments++;
            toCapture = HOLD; // the rest is held for staff
          }
        }
        f = anyFault(rnd, null);
        if (f != null) {
          sim.script(f);
        }
        Money amount = toCapture;
        assertThat(once(id -> terminal.capture(id, tx, amount)))
            .isInstanceOf(TerminalOutcome.Approved.class);
        charged.put(tx.transactionId(), amount);
        released.put(tx.transactionId(), false);
      }
      Map<String, SimulatedTerminal.Reservation> books = sim.books();
      assertThat(books).hasSize(sessions - declined);
      for (SimulatedTerminal.Reservation r : books.values()) {
        String id = r.transaction().transactionId();
        assertThat(released).containsKey(id);
        assertThat(r.released()).as(id).isEqualTo(released.get(id));
        assertThat(r.captured())
            .as(id)
            .isEqualTo(charged.getOrDefault(id, Money.zero(r.captured().currency())));
      }
      long booked = books.values().stream().mapToLong(r -> r.captured().minor()).sum();
      long receipts = charged.values().stream().mapToLong(Money::minor).sum();
      assertThat(booked).isEqualTo(receipts);
    }
    assertThat(declined).isGreaterThan(10);
    assertThat(refusedAdjustments).isGreaterThan(5);
    assertThat(unknownOutcomes).isGreaterThan(50);
  }
}
