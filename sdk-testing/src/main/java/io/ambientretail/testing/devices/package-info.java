/**
 * Test kit for device code: the cross-process lock on the shared vpcd virtual reader and, as they
 * grow, fakes of serial ports and card readers.
 *
 * <pre>{@code
 * try (VpcdLock lock = VpcdLock.acquire(Duration.ofSeconds(60))) {
 *   // insert a card emulator into vpcd and run the PC/SC test
 * }
 * }</pre>
 */
@NullMarked
package io.ambientretail.testing.devices;

import org.jspecify.annotations.NullMarked;
