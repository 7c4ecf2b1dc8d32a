/**
 * Byte transports and framing: serial ports through jSerialComm, an in-memory line for simulators
 * and demos, and a frame decoder with limits.
 *
 * <pre>{@code
 * Connector port = SerialConnector.of(SerialSettings.builder("/dev/ttyUSB0").baud(9600).build());
 * InMemoryLine line = InMemoryLine.create("scale-1"); // line.hostConnector() for the device
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.transport;

import org.jspecify.annotations.NullMarked;
