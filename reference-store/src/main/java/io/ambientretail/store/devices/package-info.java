/**
 * The store's devices through sdk-devices: a {@link io.ambientretail.devices.DeviceRegistry} built
 * from the devices of {@code store.yaml}, simulated devices speaking their real wire protocols over
 * in-process lines (or socat pseudo-terminals), and shelf readings routed to the engine.
 *
 * <pre>{@code
 * try (StoreDevices devices = StoreDevices.start(config, unitsOnLanes, Transport.MEMORY,
 *     engine::laneReading, err::println)) {
 *   devices.setLaneLoad("A1", 5_200_000); // the simulated lane now weighs 5.2 kg
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.store.devices;

import org.jspecify.annotations.NullMarked;
