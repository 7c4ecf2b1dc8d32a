/**
 * A {@link io.ambientretail.payments.gateway.PaymentGateway} over HTTPS and JSON, on OkHttp:
 * timeouts, retries with jittered backoff for lost answers and retryable errors only, always with
 * the same idempotency key, and no card data in URLs or logs. The wire protocol is described in
 * docs/payments-gateway.md.
 *
 * <pre>{@code
 * try (HttpPaymentGateway gateway = HttpPaymentGateway.builder(URI.create("https://psp.example/"))
 *     .apiKey(System.getenv("PSP_KEY"))
 *     .retryPolicy(RetryPolicy.defaults())
 *     .build()) {
 *   GatewayOutcome o = gateway.authorise(key, token, hold, "visit-42");
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.payments.gateway.http;

import org.jspecify.annotations.NullMarked;
