package io.ambientretail.testing.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import io.ambientretail.payments.terminal.NexoFormatException;
import io.ambientretail.payments.terminal.NexoLimits;
import io.ambientretail.payments.terminal.NexoPaymentTerminal;
import io.ambientretail.payments.terminal.PaymentTerminal;
import io.ambientretail.payments.terminal.ServiceId;
import io.ambientretail.payments.terminal.TerminalConnectionLostException;
import io.ambientretail.payments.terminal.TerminalOutcome;
import io.ambientretail.payments.terminal.TerminalTimeoutException;
import io.ambientretail.payments.terminal.TerminalUnavailableException;
import io.ambientretail.payments.terminal.TransactionReference;
import io.ambientretail.testing.PanLeakScanner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The nexo terminal client against the simulated terminal over real loopback HTTP. */
class SimulatedTerminalTest {
  private static final Money FIFTY = Money.ofMinor(5000, "EUR");

  private SimulatedTerminal sim;
  private PaymentTerminal terminal;
  private int service;

  @BeforeEach
  void start() throws IOException {
    sim = SimulatedTerminal.start("P400-SIM1", Clock.systemUTC());
    terminal = client(Duration.ofSeconds(10));
  }

  private PaymentTerminal client(Duration readTimeout) {
    return NexoPaymentTerminal.builder(sim.url(), "till-1", "P400-SIM1")
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(readTimeout)
        .build();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private ServiceId next() {
    return ServiceId.of("S" + ++service);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.onSpinWait();
      Thread.sleep(1);
    }
  }

  private TerminalOutcome.Approved preAuthorise() throws IOException {
    return (TerminalOutcome.Approved) terminal.preAuthorise(next(), "visit-1", FIFTY);
  }

  @Test
  void preAuthoriseAdjustCapture_booksExactAmounts_andKeepsOnlyAliasAndMaskedCard()
      throws IOException {
    TerminalOutcome.Approved pre = preAuthorise();
    assertThat(pre.amount()).isEqualTo(FIFTY);
    assertThat(pre.cardAlias()).isEqualTo(SimulatedTerminal.CARD_ALIAS);
    assertThat(pre.maskedPan()).isEqualTo(SimulatedTerminal.MASKED_PAN);
    TransactionReference tx = pre.transaction();
    Money basket = Money.ofMinor(6234, "EUR");
    assertThat(terminal.adjust(next(), tx, basket)).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(terminal.capture(next(), tx, basket)).isInstanceOf(TerminalOutcome.Approved.class);
    SimulatedTerminal.Reservation r = sim.books().get(tx.transactionId());
    assertThat(r.authorised()).isEqualTo(basket);
    assertThat(r.captured()).isEqualTo(basket);
    assertThat(terminal.capture(next(), tx, basket))
        .isEqualTo(new TerminalOutcome.Declined("NotAllowed"));
    assertThat(sim.books().get(tx.transactionId()).captured()).isEqualTo(basket);
  }

  @Test
  void preAuthorise_declined_isAResult_andNothingBooked() throws IOException {
    sim.script(TerminalFault.DECLINE);
    assertThat(terminal.preAuthorise(next(), "visit-1", FIFTY))
        .isEqualTo(new TerminalOutcome.Declined("Refusal"));
    assertThat(sim.books()).isEmpty();
  }

  @Test
  void refusedAdjustment_leavesTheAuthorisation_whichCanBeCaptured() throws IOException {
    TransactionReference tx = preAuthorise().transaction();
    sim.script(TerminalFault.REFUSE_ADJUSTMENT);
    assertThat(terminal.adjust(next(), tx, Money.ofMinor(9000, "EUR")))
        .isEqualTo(new TerminalOutcome.Declined("Refusal"));
    assertThat(terminal.capture(next(), tx, FIFTY)).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(sim.books().get(tx.transactionId()).captured()).isEqualTo(FIFTY);
  }

  @Test
  void refuseAdjustment_scriptedBeforeEntry_waitsForTheAdjustment() throws IOException {
    sim.script(TerminalFault.REFUSE_ADJUSTMENT);
    TransactionReference tx = preAuthorise().transaction();
    assertThat(terminal.adjust(next(), tx, Money.ofMinor(9000, "EUR")))
        .isEqualTo(new TerminalOutcome.Declined("Refusal"));
  }

  @Test
  void reverse_releasesTheReservation() throws IOException {
    TransactionReference tx = preAuthorise().transaction();
    assertThat(terminal.reverse(next(), tx)).isInstanceOf(TerminalOutcome.Reversed.class);
    assertThat(sim.books().get(tx.transactionId()).released()).isTrue();
    assertThat(terminal.capture(next(), tx, FIFTY))
        .isEqualTo(new TerminalOutcome.Declined("NotAllowed"));
  }

  @Test
  void timeoutAfterApproval_isOutcomeUnknown_resolvedByStatus_withoutASecondCharge()
      throws IOException {
    PaymentTerminal impatient = client(Duration.ofSeconds(1));
    sim.script(TerminalFault.TIMEOUT_AFTER_APPROVAL);
    ServiceId sent = next();
    assertThatThrownBy(() -> impatient.preAuthorise(sent, "visit-1", FIFTY))
        .isInstanceOfSatisfying(
            TerminalTimeoutException.class, e -> assertThat(e.serviceId()).isEqualTo(sent));
    TerminalOutcome status = impatient.status(next(), sent);
    assertThat(status).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(((TerminalOutcome.Approved) status).amount()).isEqualTo(FIFTY);
    assertThat(sim.books()).hasSize(1);
  }

  @Test
  void dropAfterApproval_isConnectionLost_resolvedByStatus() throws IOException {
    sim.script(TerminalFault.DROP_AFTER_APPROVAL);
    ServiceId sent = next();
    assertThatThrownBy(() -> terminal.preAuthorise(sent, "visit-1", FIFTY))
        .isInstanceOf(TerminalConnectionLostException.class);
    assertThat(terminal.status(next(), sent)).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(terminal.status(next(), ServiceId.of("NEVER")))
        .isEqualTo(new TerminalOutcome.Declined("NotFound"));
  }

  @Test
  void unpluggedTerminal_isATypedIOException() {
    sim.unplug();
    assertThatThrownBy(() -> terminal.preAuthorise(next(), "visit-1", FIFTY))
        .isInstanceOf(TerminalUnavailableException.class)
        .isInstanceOf(IOException.class);
  }

  @Test
  void waitingForCard_otherPaymentIsBusy_andAbortEndsTheWait() throws Exception {
    sim.script(TerminalFault.WAIT_FOR_CARD);
    ServiceId waiting = next();
    CompletableFuture<TerminalOutcome> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return terminal.preAuthorise(waiting, "visit-1", FIFTY);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    await(sim::waitingForCard);
    assertThat(terminal.preAuthorise(next(), "visit-2", FIFTY))
        .isEqualTo(new TerminalOutcome.NeedsAttention("Busy"));
    terminal.abort(next(), waiting, "shopper-left");
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new TerminalOutcome.Declined("Aborted"));
    assertThat(sim.books()).isEmpty();
  }

  @Test
  void waitingForCard_presented_approves() throws Exception {
    sim.script(TerminalFault.WAIT_FOR_CARD);
    CompletableFuture<TerminalOutcome> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return terminal.preAuthorise(next(), "visit-1", FIFTY);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    await(sim::waitingForCard);
    sim.presentCard();
    assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(TerminalOutcome.Approved.class);
  }

  @Test
  void answerFromAnotherTerminal_orMalformed_isRefusedNeverAnApproval() {
    sim.script(TerminalFault.WRONG_POI_ID);
    assertThatThrownBy(() -> terminal.preAuthorise(next(), "visit-1", FIFTY))
        .isInstanceOfSatisfying(
            NexoFormatException.class, e -> assertThat(e.path()).endsWith("MessageHeader.POIID"));
    sim.script(TerminalFault.MALFORMED_ANSWER);
    assertThatThrownBy(() -> terminal.preAuthorise(next(), "visit-1", FIFTY))
        .isInstanceOf(NexoFormatException.class);
  }

  @Test
  void oversizedAnswer_isRefusedTypedNeverAnApproval() {
    PaymentTerminal strict =
        NexoPaymentTerminal.builder(sim.url(), "till-1", "P400-SIM1")
            .limits(NexoLimits.of(256, 16, 1024, 16))
            .build();
    assertThatThrownBy(() -> strict.preAuthorise(next(), "visit-1", FIFTY))
        .isInstanceOf(NexoFormatException.class)
        .hasMessageContaining("over the limit of 256");
  }

  @Test
  void everythingTheClientSent_holdsNoCardNumber() throws IOException {
    TransactionReference tx = preAuthorise().transaction();
    terminal.adjust(next(), tx, Money.ofMinor(777, "EUR"));
    terminal.capture(next(), tx, Money.ofMinor(777, "EUR"));
    terminal.status(next(), ServiceId.of("S1"));
    assertThat(sim.received()).hasSizeGreaterThanOrEqualTo(4);
    for (byte[] body : sim.received()) {
      assertThat(PanLeakScanner.strict().scan(body, "request")).isEmpty();
    }
  }
}
