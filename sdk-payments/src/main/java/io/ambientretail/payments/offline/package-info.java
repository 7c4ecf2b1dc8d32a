/**
 * Offline store-and-forward: admit shoppers under risk limits while the gateway is unreachable,
 * queue their charges durably and encrypted, warn before they expire, and forward them in order,
 * each exactly once, when the gateway is back.
 *
 * <pre>{@code
 * OfflinePolicy policy = OfflinePolicy
 *     .builder(Money.ofMinor(5000, "EUR"), Money.ofMinor(100000, "EUR"))
 *     .maxAge(Duration.ofHours(24)).warnBefore(Duration.ofHours(4)).build();
 * try (StoreAndForward saf = StoreAndForward.open(dir.resolve("saf.log"), aesKey, policy, clock)) {
 *   ReplayReport report = saf.replay(gateway);
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.payments.offline;

import org.jspecify.annotations.NullMarked;
