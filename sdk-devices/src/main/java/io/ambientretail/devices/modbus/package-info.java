/**
 * Modbus RTU on a serial line: {@link io.ambientretail.devices.modbus.ModbusTemperatureSensors}
 * polls the temperature sensors of fridge and freezer controllers; {@link
 * io.ambientretail.devices.modbus.ModbusException} says what was wrong with a frame.
 *
 * <pre>{@code
 * ModbusTemperatureSensors line = ModbusTemperatureSensors.builder(id, connector)
 *     .sensor("fridge-1", 1, Register.INPUT, 1, 10).build();
 * line.addListener(e -> { if (e instanceof TemperatureEvent t) log(t.sensor(), t.temperature()); });
 * line.open(); line.claim(Duration.ofSeconds(5)); line.enable();
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.modbus;

import org.jspecify.annotations.NullMarked;
