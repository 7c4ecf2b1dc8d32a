package io.ambientretail.payments.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.PaymentToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkOutSessionPropertyTest {
  @TempDir Path dir;

  private static Money eur(long minor) {
    return Money.ofMinor(minor, "EUR");
  }

  @Test
  void anyBasketHistory_chargesExactlyTheExitTotal_andNeverCapturesMoreThanHeld() throws Exception {
    Random random = new Random(20261127);
    for (int run = 0; run < 60; run++) {
      FakeGateway gateway = new FakeGateway();
      long refuseAbove = random.nextInt(4000);
      gateway.refuseIncrement = m -> m.minor() > refuseAbove;
      try (PaymentJournal journal = PaymentJournal.open(dir.resolve("j" + run))) {
        WalkOutSessions sessions =
            WalkOutSessions.builder(
                    gateway,
                    journal,
                    HoldPolicy.builder(eur(3000))
                        .incrementStep(eur(1 + random.nextInt(2000)))
                        .build())
                .build();
        WalkOutSession s =
            sessions
                .enter(SessionId.of("s" + run), PaymentToken.of("tok_p"), null)
                .session()
                .orElseThrow();
        long total = 0;
        int changes = random.nextInt(8);
        for (int i = 0; i < changes; i++) {
          total = Math.max(0, total + random.nextInt(3000) - 800);
          s.basketChanged(eur(total));
        }
        Receipt r = s.exit(eur(total));
        assertThat(r.charged()).as("run %d", run).isEqualTo(eur(total));
        assertThat(gateway.captured + gateway.charged).isEqualTo(total);
        assertThat(gateway.captured).isLessThanOrEqualTo(s.authorised().minor());
        assertThat(r.status()).isEqualTo(Receipt.Status.COMPLETE);
        if (total == 0) {
          assertThat(gateway.log).contains("release");
        }
      }
    }
  }

  @Test
  void reopen_afterATornLastRecord_keepsEverythingBeforeIt() throws Exception {
    FakeGateway gateway = new FakeGateway();
    Path file = dir.resolve("payments.journal");
    try (PaymentJournal journal = PaymentJournal.open(file)) {
      WalkOutSessions sessions =
          WalkOutSessions.builder(gateway, journal, HoldPolicy.builder(eur(3000)).build()).build();
      sessions
          .enter(SessionId.of("torn"), PaymentToken.of("tok_t"), null)
          .session()
          .orElseThrow()
          .basketChanged(eur(100));
    }
    Files.write(file, new byte[] {0, 0, 1, 0, 9, 9}, StandardOpenOption.APPEND);
    try (PaymentJournal journal = PaymentJournal.open(file)) {
      assertThat(journal.truncatedBytes()).isEqualTo(6);
      WalkOutSessions sessions =
          WalkOutSessions.builder(gateway, journal, HoldPolicy.builder(eur(3000)).build()).build();
      Receipt r = sessions.session(SessionId.of("torn")).orElseThrow().exit(eur(100));
      assertThat(r.charged()).isEqualTo(eur(100));
    }
    assertThat(gateway.log).containsExactly("authorise 30.00 EUR", "capture 1.00 EUR");
  }

  @Test
  void open_twice_failsWhileTheFirstIsOpen() throws Exception {
    Path file = dir.resolve("locked.journal");
    try (PaymentJournal first = PaymentJournal.open(file)) {
      assertThatThrownBy(() -> PaymentJournal.open(file))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("open in another");
    }
    PaymentJournal.open(file).close();
  }
}
