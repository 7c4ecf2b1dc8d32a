/**
 * The shelf load-cell controller driver: one serial line, many lanes, two-point calibration to
 * exact milligrams, and a simulator. The line protocol is defined in docs/shelf-protocol.md.
 *
 * <pre>{@code
 * ShelfController shelf = ShelfController.builder(DeviceId.of("shelf-1"), port, 8)
 *     .lane(0, LaneId.of("A1"), LaneCalibration.of(8_400, 108_400, Weight.ofGrams(1000)))
 *     .build();
 * }</pre>
 */
@NullMarked
package io.ambientretail.devices.shelf;

import org.jspecify.annotations.NullMarked;
