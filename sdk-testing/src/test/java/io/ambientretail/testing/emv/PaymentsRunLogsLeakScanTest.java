package io.ambientretail.testing.emv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ambientretail.testing.PanLeakScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * sdk-payments cannot depend on sdk-testing (sdk-testing depends on it), so this test scans what
 * the sdk-payments test run wrote (its surefire reports and output logs, built earlier in the same
 * reactor) for card numbers; the fixtures those tests use on purpose are allowed.
 */
class PaymentsRunLogsLeakScanTest {
  @Test
  void sdkPaymentsTestRun_wroteNoPanIntoItsReportsAndLogs() {
    Path reports = Path.of("..", "sdk-payments", "target", "surefire-reports");
    assumeTrue(
        Files.isDirectory(reports),
        "sdk-payments has not run its tests in this build: nothing to scan");
    try (var files = Files.list(reports)) {
      assertThat(files.filter(f -> f.toString().endsWith("-output.txt")).count())
          .as("sdk-payments test output files to scan")
          .isPositive();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Set<String> allowed = new HashSet<>(VirtualEmvCards.FIXTURE_PANS);
    allowed.addAll(VirtualEmvCards.AID_DIGIT_RUNS);
    // TEST-*.xml hold Maven's own property dumps (surefire temp-file timestamps); the tests'
    // output is in the *-output.txt files beside them, which are scanned.
    assertThat(
            PanLeakScanner.allowing(allowed)
                .scan(reports, f -> !f.getFileName().toString().startsWith("TEST-")))
        .isEmpty();
  }
}
