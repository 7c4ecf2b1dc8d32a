package io.ambientretail.testing.acquirer;

import io.ambientretail.payments.gateway.http.HttpPaymentGateway;
import io.ambientretail.payments.gateway.http.RetryPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Where the payments tests write their journals, queues and logs, so the leak scan finds them. */
final class TestRuns {
  static final Path ROOT = Path.of("target", "payments-test-runs");
  static final Path LOG = Path.of("target", "payments-tests.log");

  private TestRuns() {}

  static Path newDir(String name) throws IOException {
    return Files.createDirectories(ROOT).resolve(name + "-" + System.nanoTime());
  }

  static HttpPaymentGateway gateway(SimulatedAcquirer acquirer) {
    return HttpPaymentGateway.builder(acquirer.uri())
        .allowCleartextLoopback()
        .apiKey("sk_test_simulated")
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)))
        .build();
  }
}
