package io.ambientretail.testing.acquirer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.CardId;
import io.ambientretail.payments.gateway.PaymentToken;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import io.ambientretail.payments.offline.OfflinePolicy;
import io.ambientretail.payments.offline.StoreAndForward;
import io.ambientretail.payments.session.HoldPolicy;
import io.ambientretail.payments.session.PaymentJournal;
import io.ambientretail.payments.session.Receipt;
import io.ambientretail.payments.session.SessionId;
import io.ambientretail.payments.session.WalkOutSessions;
import io.ambientretail.testing.PanLeakScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last (see junit-platform.properties): scans every journal, queue, child-process output and
 * log that the payments tests of this module wrote, and the surefire reports, for card numbers.
 */
@Order(Integer.MAX_VALUE)
class PaymentsPanLeakScanTest {
  @Test
  void everythingThePaymentsTestsWrote_holdsNoCardNumber() throws Exception {
    runOneOfEach();
    List<Path> roots = List.of(TestRuns.ROOT, TestRuns.LOG, Path.of("target", "surefire-reports"));
    long bytes = 0;
    List<String> kinds = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          bytes += Files.size(f);
          kinds.add(f.getFileName().toString().replaceAll(".*\\.", ""));
        }
      }
    }
    // not vacuous: the run wrote journals, queues and a log with the payment steps in it
    assertThat(kinds).contains("journal", "queue", "log");
    assertThat(bytes).isGreaterThan(1000);
    assertThat(Files.readString(TestRuns.LOG)).contains("capture").contains("authorise");

    List<PanLeakScanner.Finding> findings = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        // surefire's own XML reports list its temp files, named by 18-digit timestamps: they
        // are surefire's metadata, not output of the code under test, and are left out
        for (Path f :
            (Iterable<Path>)
                files
                        .filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith("TEST-"))
                    ::iterator) {
          findings.addAll(PanLeakScanner.strict().scan(f));
        }
      }
    }
    assertThat(findings).isEmpty();
  }

  /** One online visit with a refund and one offline visit, so the scan sees every record type. */
  private static void runOneOfEach() throws Exception {
    Path dir = Files.createDirectories(TestRuns.newDir("leak-scan"));
    KeyGenerator g = KeyGenerator.getInstance("AES");
    g.init(256);
    Money hold = Money.ofMinor(4000, "EUR");
    CardId card = CardId.ofHex("5555555555554444aaaaaaaaaaaaaaaa");
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start();
        HttpPaymentGateway gateway = TestRuns.gateway(acquirer);
        PaymentJournal journal = PaymentJournal.open(dir.resolve("payments.journal"));
        StoreAndForward saf =
            StoreAndForward.open(
                dir.resolve("saf.queue"),
                g.generateKey(),
                OfflinePolicy.builder(hold, hold.times(10)).build(),
                java.time.Clock.systemUTC())) {
      WalkOutSessions sessions =
          WalkOutSessions.builder(gateway, journal, HoldPolicy.builder(hold).build())
              .storeAndForward(saf)
              .build();
      Receipt r =
          sessions
              .enter(SessionId.of("scan-online"), PaymentToken.of("tok_visa_scan"), card)
              .session()
              .orElseThrow()
              .exit(Money.ofMinor(1999, "EUR"));
      sessions.refund(r, Money.ofMinor(500, "EUR"), "scan-refund");
      acquirer.offline(true);
      sessions
          .enter(SessionId.of("scan-offline"), PaymentToken.of("tok_visa_scan2"), card)
          .session()
          .orElseThrow()
          .exit(Money.ofMinor(1234, "EUR"));
      assertThat(saf.pending()).hasSize(1);
    }
  }
}
