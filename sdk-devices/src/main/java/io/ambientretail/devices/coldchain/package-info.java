/**
 * Cold-chain rules for unattended food: {@link io.ambientretail.devices.coldchain.ColdChainEngine}
 * judges each zone's temperatures against its {@link
 * io.ambientretail.devices.coldchain.ColdChainRule} (limit, allowance, longer allowance after a
 * restock, silent sensors), calls the store's {@link
 * io.ambientretail.devices.coldchain.ColdChainActions} on a breach and on release with a {@link
 * io.ambientretail.devices.coldchain.Disposition}, and keeps a HACCP log.
 *
 * <pre>{@code
 * ColdChainEngine engine = new ColdChainEngine(rules, storeActions, Duration.ofMinutes(15), now);
 * fridges.addListener(engine::accept);           // TemperatureEvents from a Modbus line
 * scheduler.scheduleAtFixedRate(() -> engine.tick(clock.instant()), 1, 1, SECONDS);
 * engine.release("fridge-1", Disposition.discarded("staff-7", "warm 2 h", Map.of(sku, 6L)));
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.coldchain;

import org.jspecify.annotations.NullMarked;
