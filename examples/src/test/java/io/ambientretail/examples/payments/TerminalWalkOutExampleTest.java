package io.ambientretail.examples.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.Money;
import io.ambientretail.payments.terminal.NexoPaymentTerminal;
import io.ambientretail.payments.terminal.PaymentTerminal;
import io.ambientretail.testing.PanLeakScanner;
import io.ambientretail.testing.terminal.SimulatedTerminal;
import io.ambientretail.testing.terminal.TerminalFault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class TerminalWalkOutExampleTest {
  private static final Money HOLD = Money.parse("50.00 EUR");
  private static final Money BASKET = Money.parse("62.34 EUR");

  @Test
  void visit_capturesTheBasket_andPrintsNoCardNumber() throws Exception {
    try (SimulatedTerminal sim = SimulatedTerminal.start("P400-T", Clock.systemUTC())) {
      PaymentTerminal t = NexoPaymentTerminal.builder(sim.url(), "kiosk-1", "P400-T").build();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Money captured =
          TerminalWalkOutExample.run(
              t, HOLD, BASKET, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(captured).isEqualTo(BASKET);
      assertThat(sim.books().values().iterator().next().captured()).isEqualTo(BASKET);
      assertThat(bytes.toString(StandardCharsets.UTF_8)).contains(SimulatedTerminal.MASKED_PAN);
      assertThat(PanLeakScanner.strict().scan(bytes.toByteArray(), "stdout")).isEmpty();
    }
  }

  @Test
  void refusedAdjustment_capturesTheHold() throws Exception {
    try (SimulatedTerminal sim = SimulatedTerminal.start("P400-T", Clock.systemUTC())) {
      PaymentTerminal t = NexoPaymentTerminal.builder(sim.url(), "kiosk-1", "P400-T").build();
      sim.script(TerminalFault.REFUSE_ADJUSTMENT);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Money captured =
          TerminalWalkOutExample.run(
              t, HOLD, BASKET, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(captured).isEqualTo(HOLD);
      assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("12.34 EUR held for staff");
    }
  }

  @Test
  void main_runsOnTheEncryptedSimulator() throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      TerminalWalkOutExample.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("capture: Approved");
  }
}
