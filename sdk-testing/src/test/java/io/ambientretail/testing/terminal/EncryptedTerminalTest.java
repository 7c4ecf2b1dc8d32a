package io.ambientretail.testing.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import io.ambientretail.payments.terminal.NexoCodec;
import io.ambientretail.payments.terminal.NexoKey;
import io.ambientretail.payments.terminal.NexoPaymentTerminal;
import io.ambientretail.payments.terminal.PaymentTerminal;
import io.ambientretail.payments.terminal.SecuredMessage;
import io.ambientretail.payments.terminal.ServiceId;
import io.ambientretail.payments.terminal.TerminalConnectionLostException;
import io.ambientretail.payments.terminal.TerminalOutcome;
import io.ambientretail.payments.terminal.TerminalSecurityException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client and the simulated terminal over the local-terminal encryption, on loopback HTTP. */
class EncryptedTerminalTest {
  private static final Money FIFTY = Money.ofMinor(5000, "EUR");

  private SimulatedTerminal sim;
  private NexoKey key;

  @BeforeEach
  void start() throws Exception {
    key = NexoKey.derive("StoreKey1", 1, "s3cret-passphrase".toCharArray());
    sim = SimulatedTerminal.startEncrypted("P400-ENC1", Clock.systemUTC(), key);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private PaymentTerminal client(NexoKey k) {
    return NexoPaymentTerminal.builder(sim.url(), "till-1", "P400-ENC1")
        .readTimeout(Duration.ofSeconds(10))
        .encryptWith(k)
        .build();
  }

  @Test
  void preAuthorise_encryptedBothWays_approves() throws Exception {
    TerminalOutcome o = client(key).preAuthorise(ServiceId.of("E1"), "visit-1", FIFTY);
    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(NexoCodec.read(sim.received().get(0))).isInstanceOf(SecuredMessage.class);
  }

  @Test
  void answerUnderAnotherKey_orBadHmac_isATypedErrorNeverAnApproval() throws Exception {
    PaymentTerminal t = client(key);
    sim.script(TerminalFault.WRONG_KEY);
    assertThatThrownBy(() -> t.preAuthorise(ServiceId.of("E1"), "visit-1", FIFTY))
        .isInstanceOf(TerminalSecurityException.class);
    sim.script(TerminalFault.BAD_HMAC);
    assertThatThrownBy(() -> t.preAuthorise(ServiceId.of("E2"), "visit-2", FIFTY))
        .isInstanceOf(TerminalSecurityException.class);
    // both were booked by the terminal: the outcome is learnt by status
    assertThat(t.status(ServiceId.of("E3"), ServiceId.of("E1")))
        .isInstanceOf(TerminalOutcome.Approved.class);
  }

  @Test
  void clientWithTheWrongPassphrase_isRefusedByTheTerminal() throws Exception {
    NexoKey wrong = NexoKey.derive("StoreKey1", 1, "guess".toCharArray());
    assertThatThrownBy(() -> client(wrong).preAuthorise(ServiceId.of("E1"), "visit-1", FIFTY))
        .isInstanceOf(TerminalConnectionLostException.class)
        .hasMessageContaining("HTTP 400");
    assertThat(sim.books()).isEmpty();
  }
}
