/**
 * A UnifiedPOS-style device model (open, claim, enable, disable, release, close) with data, error
 * and status events, a registry built from YAML/JSON configuration, and the seams the drivers
 * share. Drivers live in sub-packages ({@code scanner}, {@code scale}, {@code shelf}, {@code lock},
 * {@code smartcard}), transports and framing in {@code transport}; each driver has a simulator that
 * speaks its wire protocol.
 *
 * <pre>{@code
 * try (DeviceRegistry devices = DeviceRegistry.builder()
 *     .options(DeviceOptions.builder().bus(bus, StoreId.of("S001")).build()).build()) {
 *   devices.addAll(DeviceConfig.parseYaml(Files.readString(Path.of("devices.yaml"))));
 *   devices.startAll();
 *   bus.subscribe(DeviceEvents.WEIGHT, e -> System.out.println(e.payload().weight()));
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices;

import org.jspecify.annotations.NullMarked;
