/**
 * The walk-out payment session: a hold at entry that opens the door only when approved, increments
 * as the basket grows, capture of the total at exit with the rest released, a void for an empty
 * basket, a recovery charge when an increment is refused, refunds and adjustments against the
 * receipt, all journaled before they are sent so a crash never loses or doubles a capture.
 *
 * <pre>{@code
 * try (PaymentJournal journal = PaymentJournal.open(dir.resolve("payments.journal"))) {
 *   WalkOutSessions sessions = WalkOutSessions.builder(gateway, journal,
 *       HoldPolicy.builder(Money.ofMinor(5000, "EUR")).build()).build();
 *   sessions.recover();
 *   EntryDecision d = sessions.enter(SessionId.random(), token, cardId);
 *   if (d.opensDoor()) {
 *     WalkOutSession s = d.session().orElseThrow();
 *     s.basketChanged(Money.ofMinor(1250, "EUR"));
 *     Receipt r = s.exit(Money.ofMinor(1250, "EUR"));
 *   }
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.payments.session;

import org.jspecify.annotations.NullMarked;
