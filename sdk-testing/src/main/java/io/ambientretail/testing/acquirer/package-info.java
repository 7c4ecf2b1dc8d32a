/**
 * A simulated acquirer on a real loopback HTTP server, speaking the SDK's gateway protocol, for
 * tests and demos of {@code io.ambientretail.payments}: idempotency records, scripted declines,
 * server errors, delays and dropped connections.
 *
 * <pre>{@code
 * try (SimulatedAcquirer acquirer = SimulatedAcquirer.start()) {
 *   acquirer.enqueue(AcquirerOperation.CAPTURE, AcquirerFault.dropConnectionAfterWork());
 *   HttpPaymentGateway gateway = HttpPaymentGateway.builder(acquirer.uri())
 *       .allowCleartextLoopback().build();
 *   ...
 *   assertThat(acquirer.performed(AcquirerOperation.CAPTURE)).isEqualTo(1);
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.testing.acquirer;

import org.jspecify.annotations.NullMarked;
