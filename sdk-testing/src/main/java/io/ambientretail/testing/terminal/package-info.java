/**
 * A simulated certified payment terminal speaking nexo JSON on loopback HTTP, with its own books of
 * reservations and captures, scriptable faults and an unplug switch.
 *
 * <pre>{@code
 * try (SimulatedTerminal t = SimulatedTerminal.start("P400-1", Clock.systemUTC())) {
 *   PaymentTerminal terminal = NexoPaymentTerminal.builder(t.url(), "till-1", "P400-1").build();
 *   t.script(TerminalFault.TIMEOUT_AFTER_APPROVAL);
 *   ...
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.testing.terminal;

import org.jspecify.annotations.NullMarked;
