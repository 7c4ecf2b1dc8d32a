/**
 * Simulators of devices added after the first drivers, kept apart from the API packages so they can
 * move to the test kit: {@link io.ambientretail.devices.sim.ModbusTemperatureSimulator} speaks
 * Modbus RTU as fridge and freezer controllers do.
 */
@NullMarked
package io.ambientretail.devices.sim;

import org.jspecify.annotations.NullMarked;
