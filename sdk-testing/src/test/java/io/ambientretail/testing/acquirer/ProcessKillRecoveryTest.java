package io.ambientretail.testing.acquirer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ambientretail.core.Money;
import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import io.ambientretail.payments.session.HoldPolicy;
import io.ambientretail.payments.session.PaymentJournal;
import io.ambientretail.payments.session.Receipt;
import io.ambientretail.payments.session.ReceiptLine;
import io.ambientretail.payments.session.SessionId;
import io.ambientretail.payments.session.WalkOutSessions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kills the store process (a child JVM, {@code destroyForcibly}) between sending a request and
 * recording its answer, then restarts from the journal: the money moves exactly once.
 */
class ProcessKillRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final class Child {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();

    Child(Process process, Path output) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    Files.writeString(
                        output,
                        line + "\n",
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("READ-FAILED " + e.getClass().getSimpleName());
                }
              },
              "child-output");
      reader.setDaemon(true);
      reader.start();
    }

    void await(String marker) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError(
              "no '" + marker + "' from the child within " + WAIT + "; saw " + seen);
        }
        seen.add(line);
        if (line.startsWith(marker)) {
          return;
        }
      }
    }
  }

  private static Child startChild(
      Path dir, SimulatedAcquirer acquirer, String session, long totalMinor) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Dorg.slf4j.simpleLogger.logFile=" + dir.resolve("child.log"),
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
            CheckoutChild.class.getName(),
            dir.resolve("payments.journal").toString(),
            acquirer.uri().toString(),
            session,
            Long.toString(totalMinor));
    pb.redirectErrorStream(true);
    return new Child(pb.start(), dir.resolve("child.out"));
  }

  @Test
  void killedBetweenSendingCaptureAndRecordingIt_capturesExactlyOnceAfterRestart()
      throws Exception {
    Path dir = Files.createDirectories(TestRuns.newDir("kill-capture"));
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      acquirer.enqueue(AcquirerOperation.CAPTURE, AcquirerFault.stallAfterWork());
      Child child = startChild(dir, acquirer, "kill-1", 3456);
      child.await("ENTERED APPROVED");
      child.await("EXITING");
      assertThat(acquirer.awaitPerformed(AcquirerOperation.CAPTURE, 1, WAIT)).isTrue();
      child.process.destroyForcibly();
      assertThat(child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(child.seen).noneMatch(l -> l.startsWith("RECEIPT"));
      acquirer.releaseStalled();

      // restart: a new journal owner over the same file, and the same acquirer
      try (HttpPaymentGateway gateway = TestRuns.gateway(acquirer);
          PaymentJournal journal = PaymentJournal.open(dir.resolve("payments.journal"))) {
        WalkOutSessions sessions =
            WalkOutSessions.builder(
                    gateway, journal, HoldPolicy.builder(Money.ofMinor(5000, "EUR")).build())
                .build();
        List<Receipt> finished = sessions.recover();
        assertThat(finished)
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.session()).isEqualTo(SessionId.of("kill-1"));
                  assertThat(r.status()).isEqualTo(Receipt.Status.COMPLETE);
                  assertThat(r.lines())
                      .extracting(ReceiptLine::kind)
                      .containsExactly(ReceiptLine.Kind.CAPTURE);
                });
        assertThat(sessions.recover()).isEmpty();
      }
      assertThat(acquirer.received(AcquirerOperation.CAPTURE)).isEqualTo(2);
      assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isEqualTo(1);
      assertThat(acquirer.captures()).containsExactly(Money.ofMinor(3456, "EUR"));
    }
  }

  @Test
  void killedWhileTheHoldIsInFlight_afterRestartTheHoldIsKnownAndSettledOnce() throws Exception {
    Path dir = Files.createDirectories(TestRuns.newDir("kill-authorise"));
    try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
      acquirer.enqueue(AcquirerOperation.AUTHORISE, AcquirerFault.stallAfterWork());
      Child child = startChild(dir, acquirer, "kill-2", 1200);
      child.await("READY");
      assertThat(acquirer.awaitPerformed(AcquirerOperation.AUTHORISE, 1, WAIT)).isTrue();
      child.process.destroyForcibly();
      assertThat(child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      acquirer.releaseStalled();

      try (HttpPaymentGateway gateway = TestRuns.gateway(acquirer);
          PaymentJournal journal = PaymentJournal.open(dir.resolve("payments.journal"))) {
        WalkOutSessions sessions =
            WalkOutSessions.builder(
                    gateway, journal, HoldPolicy.builder(Money.ofMinor(5000, "EUR")).build())
                .build();
        assertThat(sessions.recover()).isEmpty();
        // the hold's answer was learnt again from the acquirer's idempotency record
        var session = sessions.session(SessionId.of("kill-2")).orElseThrow();
        assertThat(session.authorised()).isEqualTo(Money.ofMinor(5000, "EUR"));
        Receipt r = session.exit(Money.ofMinor(0, "EUR"));
        assertThat(r.released()).isEqualTo(Money.ofMinor(5000, "EUR"));
      }
      assertThat(acquirer.performed(AcquirerOperation.AUTHORISE)).isEqualTo(1);
      assertThat(acquirer.performed(AcquirerOperation.RELEASE)).isEqualTo(1);
      assertThat(acquirer.captures()).isEmpty();
    }
  }
}
