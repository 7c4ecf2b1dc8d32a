/**
 * A UnifiedPOS-style device model (open, claim, enable, release, close), serial and smartcard transports, drivers for scanners, scales, shelf load cells, card readers and door locks, and a simulator for each.
 *
 * <p>This package is being built; see the project's CHANGELOG for what is available.
 */
@NullMarked
package io.ambientretail.devices;

import org.jspecify.annotations.NullMarked;
